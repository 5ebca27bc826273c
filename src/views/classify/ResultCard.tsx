import type { NetworkResult } from '../../runtime/worker/protocol.ts';
import { CropCanvas } from './CropCanvas.tsx';
import { BACKEND_TITLES, duration, networkTitle } from './names.ts';
import { MAX_KEPT_CROPS, type PhotoEntry } from './photo-list.ts';
import { TopPredictions } from './TopPredictions.tsx';

/** One photo's results: for each network, the crop it saw, its top-5, timings and backend, side by side. */
export function ResultCard({ photo, onRemove }: { photo: PhotoEntry; onRemove: () => void }) {
  const outcome = photo.outcome;
  return (
    <article className={`result-card status-${photo.status}`} data-photo={photo.name} aria-busy={photo.status === 'classifying'}>
      <header>
        <h3>{photo.name}</h3>
        {outcome && <span className="meta">{outcome.width}×{outcome.height} px, decoded in {duration(outcome.decodeMs)}</span>}
        <button type="button" className="quiet" onClick={onRemove} aria-label={`Remove ${photo.name}`}>Remove</button>
      </header>
      {photo.status === 'waiting' && <p className="meta">Waiting for a network’s weights…</p>}
      {photo.status === 'classifying' && <p className="meta">Classifying…</p>}
      {photo.status === 'error' && <p className="error" role="alert">{photo.error}</p>}
      {outcome && (
        <div className={`network-results count-${outcome.results.length}`}>
          {outcome.results.map((result) => <NetworkColumn key={result.network} result={result} cropKept={!photo.cropsReleased} />)}
        </div>
      )}
    </article>
  );
}

function NetworkColumn({ result, cropKept }: { result: NetworkResult; cropKept: boolean }) {
  const title = networkTitle(result.network);
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
    </section>
  );
}
