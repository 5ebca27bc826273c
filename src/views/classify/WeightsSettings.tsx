import { useState } from 'react';
import { HUGGING_FACE } from '../../runtime/loading/sources.ts';
import { BASE_URL_KEY, storeSetting } from './settings.ts';
import type { ClassifyState, ClassifyStore } from './store.ts';

/** Where weights are downloaded from: Hugging Face, or a mirror with the same layout. */
export function WeightsSettings({ state, store }: { state: ClassifyState; store: ClassifyStore }) {
  const [text, setText] = useState(state.settings.baseUrl === HUGGING_FACE ? '' : state.settings.baseUrl);
  const [problem, setProblem] = useState<string>();
  return (
    <details className="weights-settings">
      <summary>Download source: {state.settings.baseUrl === HUGGING_FACE ? 'Hugging Face' : state.settings.baseUrl}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const error = store.setBaseUrl(text);
          setProblem(error);
          if (!error) storeSetting(globalThis.localStorage, BASE_URL_KEY, text.trim() || undefined);
        }}
      >
        <label>
          Mirror base URL (files are fetched from <code>&lt;base&gt;/&lt;repo&gt;/resolve/main/&lt;file&gt;</code>; empty for Hugging Face){' '}
          <input type="url" value={text} placeholder={HUGGING_FACE} onChange={(e) => setText(e.currentTarget.value)} />
        </label>{' '}
        <button type="submit">Save</button>
        {problem && <p className="error" role="alert">{problem}</p>}
      </form>
    </details>
  );
}
