/** Statistics of a node's output and, for a residual block, the norms of its parts (paper §3.3). */
import type { ActivationStats, ResidualNorms } from '../../runtime/inside/protocol.ts';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';
import { exact, percent, value } from '../format.ts';

export function StatsList({ stats }: { stats: ActivationStats }) {
  const t = useMessages(insideText).stats;
  return (
    <dl className="facts" aria-label={t.label}>
      <dt>{t.mean}</dt>
      <dd>{value(stats.mean)}</dd>
      <dt>{t.std}</dt>
      <dd>{value(stats.std)}</dd>
      <dt>{t.minMax}</dt>
      <dd>
        {value(stats.min)} / {value(stats.max)}
      </dd>
      <dt>{t.zeros}</dt>
      <dd data-stat="zeros">
        {percent(stats.zeroFraction)}
        <span className="detail">{t.ofValues(exact(stats.count))}</span>
      </dd>
    </dl>
  );
}

export function ResidualNormsView({ norms }: { norms: ResidualNorms }) {
  const widest = Math.max(norms.shortcut, norms.branch, norms.scaled, 1e-12);
  const t = useMessages(insideText).residual;
  const bar = (v: number) => (
    <span className="norm-bar" aria-hidden="true">
      <span style={{ width: `${(100 * v) / widest}%` }} />
    </span>
  );
  return (
    <div className="residual-norms">
      <h4>{t.title}</h4>
      <dl className="facts" aria-label={t.label}>
        <dt>{t.shortcut}</dt>
        <dd>
          {value(norms.shortcut)}
          {bar(norms.shortcut)}
        </dd>
        <dt>{t.branch}</dt>
        <dd>
          {value(norms.branch)}
          {bar(norms.branch)}
        </dd>
        <dt>{t.scaled(norms.scale)}</dt>
        <dd>
          {value(norms.scaled)}
          {bar(norms.scaled)}
        </dd>
        {/* i18n-ignore: a formula */}
        <dt>‖s·r‖ / ‖x‖</dt>
        <dd data-stat="ratio">
          <strong>{value(norms.ratio)}</strong>
        </dd>
      </dl>
      <p className="empty">{t.note}</p>
    </div>
  );
}
