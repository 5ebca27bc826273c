import { useState } from 'react';
import { HUGGING_FACE } from '../../runtime/loading/sources.ts';
import { BASE_URL_KEY, storeSetting } from './settings.ts';
import type { NetworksStore } from './networks-store.ts';
import type { NetworksState } from './networks-state.ts';
import { networksText } from '../i18n/networks.ts';
import { useMessages } from '../i18n/messages.ts';
import './networks.css';

/** Where weights are downloaded from: Hugging Face, or a mirror with the same layout. */
export function WeightsSettings({ state, store }: { state: NetworksState; store: NetworksStore }) {
  const [text, setText] = useState(state.settings.baseUrl === HUGGING_FACE ? '' : state.settings.baseUrl);
  const [problem, setProblem] = useState<string>();
  const t = useMessages(networksText).weights;
  return (
    <details className="weights-settings">
      <summary>
        {t.source}
        {state.settings.baseUrl === HUGGING_FACE ? t.huggingFace : state.settings.baseUrl}
      </summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const error = store.setBaseUrl(text);
          setProblem(error);
          if (!error) storeSetting(globalThis.localStorage, BASE_URL_KEY, text.trim() || undefined);
        }}
      >
        <label>
          {t.mirrorLabel[0]}
          {/* i18n-ignore: a URL pattern */}
          <code>{'<base>/<repo>/resolve/main/<file>'}</code>
          {t.mirrorLabel[1]}{' '}
          <input type="url" value={text} placeholder={HUGGING_FACE} onChange={(e) => setText(e.currentTarget.value)} />
        </label>{' '}
        <button type="submit">{t.save}</button>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
      </form>
    </details>
  );
}
