/**
 * Evaluate a labelled set: the paper's protocol (1, 12 or 144 crops, the ensemble) on the reader's own
 * ImageNet-style folder, in this browser, with error rates and 95 % intervals beside the paper's Tables
 * 2–5, the worst classes with examples, and the per-image predictions as CSV. Its own lazily loaded
 * chunk; inference runs in the app's worker (src/runtime/worker), so the page stays responsive.
 */
import { useCallback, useEffect, useState } from 'react';
import { modeKey } from '../../runtime/evaluation/mode.ts';
import { useModeWords } from './mode-words.ts';
import { CLASSIFIABLE_NETWORKS } from '../../runtime/worker/protocol.ts';
import { BackendPanel } from '../networks/BackendPanel.tsx';
import { BACKEND_KEY, storeSetting } from '../networks/settings.ts';
import { useNetworks } from '../networks/useNetworks.ts';
import { WeightsCard } from '../networks/WeightsCard.tsx';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { Dashboards } from './dashboards/Dashboards.tsx';
import { DatasetPanel } from './DatasetPanel.tsx';
import type { FolderFile } from './folder-files.ts';
import { useWindowDrop } from './useWindowDrop.ts';
import { ModeForm } from './ModeForm.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { RunPanel } from './RunPanel.tsx';
import { useEvaluate } from './useEvaluate.ts';
import { WorstClasses } from './WorstClasses.tsx';
import { FeatureMap } from './dashboards/FeatureMap.tsx';
import './evaluate.css';
import { evaluateText } from '../i18n/evaluate.ts';
import { useMessages } from '../i18n/messages.ts';

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function EvaluatePage() {
  const t = useMessages(evaluateText);
  const words = useModeWords();
  useDocumentTitle(t.title);
  const [networks, networksStore] = useNetworks();
  const [state, store] = useEvaluate();
  useEffect(() => store.setWords(t), [store, t]);
  const running = state.status === 'running';
  const loaded = CLASSIFIABLE_NETWORKS.filter((n) => networks.weights[n].state?.loaded);
  const resumable = store.resumable;
  const startProblem = store.startProblem(loaded, resumable && state.run ? state.run.mode : state.mode);

  // A folder dropped anywhere on this page (the app's global drop zone leaves /evaluate to it).
  const onDropped = useCallback(
    (files: FolderFile[]) => {
      if (store.getSnapshot().status !== 'running') void store.choose(files);
    },
    [store],
  );
  const dragging = useWindowDrop(true, onDropped);

  const keys = state.summary?.modes.map((m) => m.key) ?? [];
  const mainKey = state.run ? modeKey(state.run.mode) : undefined;
  const [worstKey, setWorstKey] = useState<string>();
  const shownKey =
    worstKey && keys.includes(worstKey) ? worstKey : mainKey && keys.includes(mainKey) ? mainKey : keys[0];
  const worst = shownKey ? store.worstClasses(shownKey) : [];

  return (
    <div className={`page classify evaluate${dragging ? ' dragging' : ''}`}>
      <h1>{t.title}</h1>
      <p className="lede">{t.lede}</p>

      <h2>{t.networks}</h2>
      <div className="weights-cards">
        {CLASSIFIABLE_NETWORKS.map((network) => (
          <WeightsCard
            key={network}
            view={networks.weights[network]}
            onDownload={() => void networksStore.download(network)}
            onFile={(file) => void networksStore.loadFile(network, file)}
            onCancel={() => networksStore.cancelLoad(network)}
            onForget={() => void networksStore.forget(network)}
          />
        ))}
      </div>
      <BackendPanel
        state={networks}
        onChoose={(choice) => {
          storeSetting(globalThis.localStorage, BACKEND_KEY, choice === 'auto' ? undefined : choice);
          void networksStore.setBackend(choice);
        }}
      />

      <h2>{t.mode}</h2>
      <ModeForm
        mode={state.mode}
        onMode={(mode) => store.setMode(mode)}
        disabled={running || resumable}
        real={state.real}
        onReal={(on) => void store.setReal(on)}
      />

      <h2>{t.images}</h2>
      <DatasetPanel
        chosen={state.chosen}
        choosing={state.choosing}
        error={state.chooseError}
        disabled={running}
        onFiles={(files) => void store.choose(files)}
        wanted={state.status === 'paused' ? state.run?.datasetName : undefined}
      />

      <h2>{t.run}</h2>
      <RunPanel
        state={state}
        worker={networks.session}
        resumable={resumable}
        startProblem={startProblem}
        skipped={state.summary?.skipped ?? []}
        onStart={() => void store.start()}
        onPause={() => store.pause()}
        onResume={() => void store.resume()}
        onCancel={() => store.cancel()}
        onExport={() =>
          state.run &&
          download(
            store.csv(),
            `inception-explorer-${modeKey(state.run.mode).replace('/', '-')}crops-${state.run.datasetName}.csv`,
          )
        }
      />

      {state.summary && state.summary.modes.length > 0 && (
        <>
          <h2>{t.errorRates}</h2>
          <ResultsTable summary={state.summary} />

          <h2>{t.worstClasses}</h2>
          <p className="meta">
            <label>
              {t.worstIntro[0]}
              <select value={shownKey} onChange={(e) => setWorstKey(e.currentTarget.value)}>
                {state.summary.modes.map((m) => (
                  <option key={m.key} value={m.key}>
                    {words.mode(m.mode)}
                  </option>
                ))}
              </select>
            </label>
            {t.worstIntro[1]}
          </p>
          <WorstClasses classes={worst} fileAt={(path) => store.fileAt(path)} />
          <Dashboards state={state} store={store} />
          <FeatureMap state={state} store={store} />
        </>
      )}
    </div>
  );
}

export default EvaluatePage;
