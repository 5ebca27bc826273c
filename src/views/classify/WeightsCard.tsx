import { useId, useMemo, useState } from 'react';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { checkpointTensors } from '../../model/analysis/checkpoint.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { formatBytes } from '../../runtime/loading/download.ts';
import { HUGGING_FACE, type WeightsProvenance } from '../../runtime/loading/sources.ts';
import type { ClassifiableNetwork, LoadedInfo } from '../../runtime/worker/protocol.ts';
import { BreakableText } from '../shell/BreakableText.tsx';
import { BACKEND_TITLES, duration, networkTitle } from './names.ts';
import { cacheUsable, describeProgress } from './progress.ts';
import type { WeightsView } from './store.ts';

/** Size of a network's float32 checkpoint, from the tensors its definition expects. */
function checkpointBytes(network: ClassifiableNetwork): number {
  const { tensors } = checkpointTensors(analyzeNetwork(NETWORKS[network].released!));
  return tensors.reduce((sum, t) => sum + 4 * t.shape.reduce((a, b) => a * b, 1), 0);
}

/** "Hugging Face", "mirror http://…", "the file x.safetensors". */
export function provenanceText(provenance: WeightsProvenance): string {
  switch (provenance.kind) {
    case 'official': return 'Hugging Face';
    case 'mirror': return `mirror ${provenance.baseUrl}`;
    case 'file': return `the file ${provenance.name}`;
  }
}

/** Where loaded weights were read from, always naming their source ("from mirror …"). */
function originText(loaded: LoadedInfo): string {
  if (loaded.origin === 'cache') return `this browser’s cache (${provenanceText(loaded.provenance)})`;
  if (loaded.provenance.kind === 'mirror') return `mirror ${loaded.origin}`;
  return provenanceText(loaded.provenance);
}

function describeTimings(t: LoadedInfo['timings']): string {
  const parts = [`read in ${duration(t.readMs)}`, `checked in ${duration(t.validateMs)}`];
  if (t.storeMs > 0) parts.push(`cached in ${duration(t.storeMs)}`);
  parts.push(`built in ${duration(t.buildMs)}`);
  if (t.warmUpMs !== undefined) parts.push(`warmed up in ${duration(t.warmUpMs)}`);
  return parts.join(', ');
}

export interface WeightsCardProps {
  view: WeightsView;
  /** The download source now (a cached copy from another source is not used). */
  baseUrl?: string;
  onDownload: () => void;
  onFile: (file: File) => void;
  onCancel: () => void;
  onForget: () => void;
  /** Saves the loaded network as an ONNX model; resolves when done (or failed, with the error on the card). */
  onExportOnnx?: () => Promise<void>;
}

/** One network's weights: where they are (cache, loaded), a download with progress, a file picker. */
export function WeightsCard({ view, baseUrl = HUGGING_FACE, onDownload, onFile, onCancel, onForget, onExportOnnx }: WeightsCardProps) {
  const [exporting, setExporting] = useState(false);
  const { network, state, loading, error } = view;
  const title = networkTitle(network);
  const checkpoint = NETWORKS[network].released!.checkpoint!;
  const expected = useMemo(() => checkpointBytes(network), [network]);
  const fileInput = useId();
  const progress = loading?.progress;
  const loaded = state?.loaded;
  const kept = state?.cached;
  const cached = cacheUsable(kept, baseUrl) ? kept : undefined;

  return (
    <section className="weights-card card" data-network={network} aria-label={`${title} weights`}>
      <h3>{title}</h3>
      <p className="meta">
        <code>{checkpoint.repo}</code>, {checkpoint.file} (≈{formatBytes(expected)})
      </p>
      <p className="weights-status" data-status={loading ? 'loading' : loaded ? 'ready' : cached ? 'cached' : 'absent'} data-provenance={(loaded ?? kept)?.provenance.kind}>
        {loading ? `Loading: ${describeProgress(progress)}`
          : loaded ? <BreakableText text={`Ready on ${BACKEND_TITLES[loaded.backend]}: ${formatBytes(loaded.bytes)} from ${originText(loaded)}; ${describeTimings(loaded.timings)}.`} />
            : cached ? `In this browser’s cache (${formatBytes(cached.bytes)} from ${provenanceText(cached.provenance)}), usable offline.`
              : kept ? `Not loaded. This browser keeps a copy from ${provenanceText(kept.provenance)} (${formatBytes(kept.bytes)}), used only while that is the download source.`
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
            {loaded && onExportOnnx && (
              <button
                type="button"
                disabled={exporting}
                title="This network with its weights as an ONNX model (opset 17, batch norm folded), for Netron or onnxruntime"
                onClick={() => {
                  setExporting(true);
                  void onExportOnnx().finally(() => setExporting(false));
                }}
              >
                {exporting ? 'Exporting ONNX…' : 'Export ONNX'}
              </button>
            )}
            {(kept || loaded) && <button type="button" className="quiet" onClick={onForget}>Remove from this browser</button>}
          </>
        )}
      </div>
      {loaded?.storeError && <p className="meta">{loaded.storeError}</p>}
    </section>
  );
}
