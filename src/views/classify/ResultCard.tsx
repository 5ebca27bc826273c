import { lazy, Suspense, useState } from 'react';
import { Link } from 'wouter';
import type { NetworkResult } from '../../runtime/worker/protocol.ts';
import { networkHref } from '../routes.ts';
import { CropCanvas } from './CropCanvas.tsx';
import { BACKEND_TITLES, duration, networkTitle } from './names.ts';
import { DEFAULT_CLASSIFY_MODE, isDefaultMode, modeText } from './prediction-mode.ts';
import { PredictionColumns, PredictionProgress } from './PredictionResult.tsx';
import { MAX_KEPT_CROPS, type PhotoEntry } from './photo-list.ts';
import { TopPredictions } from './TopPredictions.tsx';

/** "1 crop · 2 forward passes · 1.21 s": the mode a photo was classified in, its passes and time. */
function modeSummary(photo: PhotoEntry): string | undefined {
  const mode = photo.mode ?? DEFAULT_CLASSIFY_MODE;
  if (photo.prediction) {
    const passes = photo.prediction.networks.reduce((sum, r) => sum + r.passes, 0);
    return `${modeText(mode)} · ${passes} forward passes · ${duration(photo.prediction.totalMs)}`;
  }
  if (photo.outcome) {
    const passes = photo.outcome.results.length;
    const ms = photo.outcome.decodeMs + photo.outcome.results.reduce((sum, r) => sum + r.timings.preprocessMs + r.timings.inferenceMs, 0);
    return `${modeText(mode)} · ${passes} forward pass${passes === 1 ? '' : 'es'} · ${duration(ms)}`;
  }
  return photo.status === 'classifying' ? modeText(mode) : undefined;
}

/** One photo's results: for each network, the crop it saw, its top-5, timings and backend, side by side. */
export function ResultCard({ photo, onRemove, onCancel }: { photo: PhotoEntry; onRemove: () => void; onCancel?: () => void }) {
  const outcome = photo.outcome;
  const size = outcome ?? photo.prediction;
  const summary = modeSummary(photo);
  const multi = photo.mode !== undefined && !isDefaultMode(photo.mode);
  return (
    <article className={`result-card status-${photo.status}`} data-photo={photo.name} aria-busy={photo.status === 'classifying'}>
      <header>
        <h3>{photo.name}</h3>
        {size && <span className="meta">{size.width}×{size.height} px, decoded in {duration(size.decodeMs)}</span>}
        {summary && <span className="meta mode-summary">{summary}</span>}
        <button type="button" className="quiet" onClick={onRemove} aria-label={`Remove ${photo.name}`}>Remove</button>
      </header>
      {photo.status === 'waiting' && <p className="meta">Waiting for a network’s weights…</p>}
      {photo.status === 'classifying' && !multi && <p className="meta">Classifying…</p>}
      {photo.status === 'classifying' && multi && <PredictionProgress progress={photo.progress} name={photo.name} onCancel={() => onCancel?.()} />}
      {photo.status === 'error' && <p className="error" role="alert">{photo.error}</p>}
      {photo.prediction && <PredictionColumns prediction={photo.prediction} />}
      {outcome && (
        <div className={`network-results count-${outcome.results.length}`}>
          {outcome.results.map((result) => <NetworkColumn key={result.network} result={result} slot={photo.slot} cropKept={!photo.cropsReleased} />)}
        </div>
      )}
    </article>
  );
}

/** The class activation maps arrive with the inside views' chunk, when first asked for. */
const PhotoClassMaps = lazy(() => import('../inside/PhotoClassMaps.tsx').then((m) => ({ default: m.PhotoClassMaps })));

function NetworkColumn({ result, slot, cropKept }: { result: NetworkResult; slot: string | undefined; cropKept: boolean }) {
  const title = networkTitle(result.network);
  const [looking, setLooking] = useState(false);
  return (
    <section className="network-result" data-network={result.network} aria-label={title}>
      <h4>{title}</h4>
      {cropKept
        ? <CropCanvas bitmap={result.crop} label={`The photo as ${title} sees it (${result.crop.width}×${result.crop.height} crop)`} />
        : <p className="meta crop-released">Crop not kept: only the newest {MAX_KEPT_CROPS} photos keep theirs.</p>}
      <TopPredictions top={result.top} />
      <p className="timings">
        Preprocessing {duration(result.timings.preprocessMs)} · inference <span data-inference-ms={result.timings.inferenceMs}>{duration(result.timings.inferenceMs)}</span>
        {' '}on <span className="backend">{BACKEND_TITLES[result.backend]}</span>
      </p>
      {slot && (
        <p className="inside-links">
          <Link className="button" href={networkHref(result.network, 'released', { photo: slot })}>Look inside {title}</Link>{' '}
          <button type="button" aria-expanded={looking} onClick={() => setLooking(!looking)}>Where it looks</button>
        </p>
      )}
      {slot && looking && (
        <Suspense fallback={<p className="meta" role="status">Loading…</p>}>
          <PhotoClassMaps slot={slot} network={result.network} />
        </Suspense>
      )}
    </section>
  );
}
