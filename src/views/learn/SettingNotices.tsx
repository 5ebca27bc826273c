/** What the link asked for that the lab left out (a value out of range, an unknown network…), until dismissed. */
import type { LearnMessages } from '../i18n/en/learn.ts';
import { learnText } from '../i18n/learn.ts';
import { useMessages } from '../i18n/messages.ts';
import { SMALL_NETWORKS } from './settings.ts';
import type { SettingNotice } from './url-settings.ts';

export function noticeText(
  notice: SettingNotice,
  t: LearnMessages['notices'],
  range: LearnMessages['settings']['range'],
): string {
  switch (notice.kind) {
    case 'range':
      return t.range(notice.key, notice.value, range(String(notice.range.min), String(notice.range.max)));
    case 'choice':
      return t.choice(notice.key, notice.value, notice.choices.join(', '));
    case 'network':
      return t.network(notice.value, SMALL_NETWORKS.join(', '));
    case 'network-option':
      return t.networkOption(notice.network, notice.value);
    case 'duplicate':
      return t.duplicate(notice.value);
    case 'too-many':
      return t.tooMany(notice.max);
    case 'unknown':
      return t.unknown(notice.key);
  }
}

export function SettingNotices({ notices, onDismiss }: { notices: readonly SettingNotice[]; onDismiss: () => void }) {
  const words = useMessages(learnText);
  const t = words.notices;
  return (
    <div className="view-notice" role="status" data-testid="settings-notice">
      <div>
        <strong>{t.title}</strong>
        {notices.map((n) => {
          const text = noticeText(n, t, words.settings.range);
          return <p key={text}>{text}</p>;
        })}
      </div>
      <button type="button" className="quiet" onClick={onDismiss} aria-label={t.dismiss}>
        ×
      </button>
    </div>
  );
}
