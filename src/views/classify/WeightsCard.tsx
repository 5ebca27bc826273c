import { useId, useMemo } from 'react';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { checkpointTensors } from '../../model/analysis/checkpoint.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { formatBytes } from '../../runtime/loading/download.ts';
import type { ClassifiableNetwork, LoadedInfo } from '../../runtime/worker/protocol.ts';
import { BACKEND_TITLES, duration, networkTitle } from './names.ts';
import { describeProgress, type WeightsView } from './store.ts';

/** Size of a network's float32 checkpoint, from the tensors its definition expects. */
function checkpointBytes(network: ClassifiableNetwork): number {
  const { tensors } = checkpointTensors(analyzeNetwork(NETWORKS[network].released!));
  return tensors.reduce((sum, t) => sum + 4 * t.shape.reduce((a, b) => a * b, 1), 0);
}

function originText(origin: string): string {
  if (origin === 'cache') return 'this browser’s cache';
  if (origin.startsWith('file:')) return `the file ${origin.slice(5)}`;
  return origin;
}

function describeTimings(t: LoadedInfo['timings']): string {
  const parts = [`read in ${duration(t.readMs)}`, `checked in ${duration(t.validateMs)}`];
  if (t.storeMs > 0) parts.push(`cached in ${duration(t.storeMs)}`);
  parts.push(`built in ${duration(t.buildMs)}`);
  return parts.join(', ');
}

export interface WeightsCardProps {
  view: WeightsView;
  onDownload: () => void;
  onFile: (file: File) => void;
  onCancel: () => void;
  onForget: () => void;
}

/** One network's weights: where they are (cache, loaded), a download with progress, a file picker. */
export function WeightsCard({ view, onDownload, onFile, onCancel, onForget }: WeightsCardProps) {
  const { network, state, loading, error } = view;
  const title = networkTitle(network);
  const checkpoint = NETWORKS[network].released!.checkpoint!;
  const expected = useMemo(() => checkpointBytes(network), [network]);
  const fileInput = useId();
  const progress = loading?.progress;
  const loaded = state?.loaded;
  const cached = state?.cached;

  return (
    <section className="weights-card card" data-network={network} aria-label={`${title} weights`}>
      <h3>{title}</h3>
      <p className="meta">
        <code>{checkpoint.repo}</code>, {checkpoint.file} (≈{formatBytes(expected)})
      </p>
      <p className="weights-status" data-status={loading ? 'loading' : loaded ? 'ready' : cached ? 'cached' : 'absent'}>
        {loading ? `Loading: ${describeProgress(progress)}`
          : loaded ? `Ready on ${BACKEND_TITLES[loaded.backend]}: ${formatBytes(loaded.bytes)} from ${originText(loaded.origin)}; ${describeTimings(loaded.timings)}.`
            : cached ? `In this browser’s cache (${formatBytes(cached.bytes)}), usable offline.`
              : 'Not loaded.'}
      </p>
      {loading && (
        <progress
          max={progress?.phase === 'download' && progress.total ? progress.total : undefined}
          value={progress?.phase === 'download' && progress.total ? progress.received : undefined}
          aria-label={`${title} weights: ${describeProgress(progress)}`}
        />
      )}
      {error && (
        <p className="error" role="alert">
          {view.advice && <><strong className="advice">{view.advice}</strong><br /></>}
          <span className="detail">{error}</span>
        </p>
      )}
      <div className="actions">
        {loading ? (
          <button type="button" onClick={onCancel}>Cancel</button>
        ) : (
          <>
            {!loaded && (
              <button type="button" className="button-primary" onClick={onDownload}>
                {cached ? 'Load from cache' : `Download (${formatBytes(expected)})`}
              </button>
            )}
            <label className="button" htmlFor={fileInput}>Use a .safetensors file…</label>
            <input
              id={fileInput}
              className="visually-hidden"
              type="file"
              accept=".safetensors"
              aria-label={`${title}: use a .safetensors file`}
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                event.currentTarget.value = '';
                if (file) onFile(file);
              }}
            />
            {(cached || loaded) && <button type="button" className="quiet" onClick={onForget}>Remove from this browser</button>}
          </>
        )}
      </div>
      {loaded?.storeError && <p className="meta">{loaded.storeError}</p>}
    </section>
  );
}
