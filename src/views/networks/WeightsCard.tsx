import { useMemo, useState } from 'react';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { checkpointTensors } from '../../model/analysis/checkpoint.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { formatBytes } from '../../runtime/loading/download.ts';
import { HUGGING_FACE, type WeightsProvenance } from '../../runtime/loading/sources.ts';
import type { ClassifiableNetwork, LoadedInfo } from '../../runtime/worker/protocol.ts';
import { BreakableText } from '../shell/BreakableText.tsx';
import { BACKEND_TITLES, duration, networkTitle } from './names.ts';
import { cacheUsable, describeProgress } from './progress.ts';
import type { WeightsView } from './networks-state.ts';
import { networksText } from '../i18n/networks.ts';
import { useMessages } from '../i18n/messages.ts';
import { useSay, useSayFailure } from '../i18n/said.ts';
import { cardAdvice } from './advice.ts';
import { networks as english, type NetworksMessages } from '../i18n/en/networks.ts';
import './networks.css';
import { FileButton } from '../shell/FileButton.tsx';

/** Size of a network's float32 checkpoint, from the tensors its definition expects. */
function checkpointBytes(network: ClassifiableNetwork): number {
  const { tensors } = checkpointTensors(analyzeNetwork(NETWORKS[network].released!));
  return tensors.reduce((sum, t) => sum + 4 * t.shape.reduce((a, b) => a * b, 1), 0);
}

/** "Hugging Face", "mirror http://…", "the file x.safetensors". */
export function provenanceText(provenance: WeightsProvenance, m: NetworksMessages = english): string {
  switch (provenance.kind) {
    case 'official':
      return m.weights.huggingFace;
    case 'mirror':
      return m.weights.mirror(provenance.baseUrl);
    case 'file':
      return m.weights.file(provenance.name);
  }
}

/** Where loaded weights were read from, always naming their source ("from mirror …"). */
function originText(loaded: LoadedInfo, m: NetworksMessages): string {
  if (loaded.origin === 'cache') return m.weights.browserCache(provenanceText(loaded.provenance, m));
  if (loaded.provenance.kind === 'mirror') return m.weights.mirror(loaded.origin);
  return provenanceText(loaded.provenance, m);
}

function describeTimings(t: LoadedInfo['timings'], w: NetworksMessages['weights']): string {
  const parts = [w.readIn(duration(t.readMs)), w.checkedIn(duration(t.validateMs))];
  if (t.storeMs > 0) parts.push(w.cachedIn(duration(t.storeMs)));
  parts.push(w.builtIn(duration(t.buildMs)));
  if (t.warmUpMs !== undefined) parts.push(w.warmedIn(duration(t.warmUpMs)));
  return parts.join(', ');
}

/**
 * Whether the weights are the published checkpoint: their SHA-256 (computed from the bytes when loaded,
 * stored with a cached copy and checked again when it is loaded) is the one pinned for it.
 */
function CheckpointMark({
  sha256,
  published,
  standIn,
  t,
}: {
  sha256: string;
  /** The pinned SHA-256 of the published file. */
  published: string;
  /** The loaded (or cached) file marks itself as stand-in weights (make-weights). */
  standIn: boolean;
  t: NetworksMessages['weights'];
}) {
  const isPublished = sha256 === published;
  if (standIn) {
    return (
      <p className="weights-checkpoint problem" data-published="false" data-stand-in="true" data-sha256={sha256}>
        <strong>{t.standIn}</strong> {t.standInDetail}
      </p>
    );
  }
  return (
    <p className="weights-checkpoint meta" data-published={String(isPublished)} data-sha256={sha256}>
      {isPublished ? t.published : t.notPublished(sha256.slice(0, 12))}
    </p>
  );
}

export interface WeightsCardProps {
  view: WeightsView;
  /** The download source now (a cached copy from another source is not used). */
  baseUrl?: string;
  onDownload: () => void;
  onFile: (file: File) => void;
  onCancel: () => void;
  onForget: () => void;
  /** Loads the file picked here, which is another network's checkpoint, into that network (`view.misplaced`). */
  onLoadWhereItFits?: () => void;
  /** Saves the loaded network as an ONNX model; resolves when done (or failed, with the error on the card). */
  onExportOnnx?: () => Promise<void>;
}

/** One network's weights: where they are (cache, loaded), a download with progress, a file picker. */
export function WeightsCard({
  view,
  baseUrl = HUGGING_FACE,
  onDownload,
  onFile,
  onCancel,
  onForget,
  onLoadWhereItFits,
  onExportOnnx,
}: WeightsCardProps) {
  const [exporting, setExporting] = useState(false);
  const { network, state, loading, error } = view;
  const title = networkTitle(network);
  const checkpoint = NETWORKS[network].released!.checkpoint!;
  const expected = useMemo(() => checkpointBytes(network), [network]);
  const progress = loading?.progress;
  const loaded = state?.loaded;
  const kept = state?.cached;
  const cached = cacheUsable(kept, baseUrl) ? kept : undefined;
  const m = useMessages(networksText);
  const say = useSay(networksText);
  const sayFailure = useSayFailure();
  const advice = cardAdvice(view, m);
  const t = m.weights;
  const shownSha256 = (loaded ?? cached)?.sha256;
  // The file picked here is another network's checkpoint: loading it there is the first thing offered.
  const offerElsewhere = Boolean(error && view.misplaced && onLoadWhereItFits);

  return (
    <section className="weights-card card" data-network={network} aria-label={t.label(title)}>
      <h3>{title}</h3>
      <p className="meta">
        <code>{checkpoint.repo}</code>, {checkpoint.file} (≈{formatBytes(expected)})
      </p>
      <p
        className="weights-status"
        data-status={loading ? 'loading' : loaded ? 'ready' : cached ? 'cached' : 'absent'}
        data-provenance={(loaded ?? kept)?.provenance.kind}
      >
        {loading ? (
          t.loading(describeProgress(progress, m))
        ) : loaded ? (
          <BreakableText
            text={t.ready(
              BACKEND_TITLES[loaded.backend],
              formatBytes(loaded.bytes),
              originText(loaded, m),
              describeTimings(loaded.timings, t),
            )}
          />
        ) : cached ? (
          t.cached(formatBytes(cached.bytes), provenanceText(cached.provenance, m))
        ) : kept ? (
          t.keptElsewhere(provenanceText(kept.provenance, m), formatBytes(kept.bytes))
        ) : (
          t.notLoaded
        )}
      </p>
      {!loading && shownSha256 && (
        <CheckpointMark
          sha256={shownSha256}
          published={checkpoint.sha256}
          standIn={(loaded ?? cached)?.standIn === true}
          t={t}
        />
      )}
      {loading && (
        <progress
          max={progress?.phase === 'download' && progress.total ? progress.total : undefined}
          value={progress?.phase === 'download' && progress.total ? progress.received : undefined}
          aria-label={t.progressLabel(title, describeProgress(progress, m))}
        />
      )}
      {error && (
        <p className="error" role="alert">
          {advice && (
            <>
              <strong className="advice">{advice}</strong>
              <br />
            </>
          )}
          <span className="detail">{say(error)}</span>
        </p>
      )}
      {offerElsewhere && view.misplaced && (
        <div className="actions weights-misplaced" data-fits={view.misplaced.fits}>
          <button type="button" className="button-primary" onClick={onLoadWhereItFits}>
            {t.loadInto(networkTitle(view.misplaced.fits))}
          </button>
        </div>
      )}
      <div className="actions">
        {loading ? (
          <button type="button" onClick={onCancel}>
            {t.cancel}
          </button>
        ) : (
          <>
            {!loaded && (
              <button type="button" className={offerElsewhere ? undefined : 'button-primary'} onClick={onDownload}>
                {cached ? t.loadFromCache : t.download(formatBytes(expected))}
              </button>
            )}
            <FileButton label={t.useFileLabel(title)} accept=".safetensors" onFiles={([file]) => onFile(file)}>
              {t.useFile}
            </FileButton>
            {loaded && onExportOnnx && (
              <button
                type="button"
                disabled={exporting}
                title={t.onnxTitle}
                onClick={() => {
                  setExporting(true);
                  void onExportOnnx().finally(() => setExporting(false));
                }}
              >
                {exporting ? t.exportingOnnx : t.exportOnnx}
              </button>
            )}
            {(kept || loaded) && (
              <button type="button" className="quiet" onClick={onForget}>
                {t.remove}
              </button>
            )}
          </>
        )}
      </div>
      {loaded?.storeError && <p className="meta">{sayFailure(loaded.storeError)}</p>}
    </section>
  );
}
