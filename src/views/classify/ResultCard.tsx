import type { NetworkResult } from '../../runtime/worker/protocol.ts';
import { CropCanvas } from './CropCanvas.tsx';
import { InsideLinks } from './InsideLinks.tsx';
import { BACKEND_TITLES, duration, networkTitle } from '../networks/names.ts';
import { DEFAULT_CLASSIFY_MODE, isDefaultMode, type ClassifyMode } from './prediction-mode.ts';
import { PredictionColumns, PredictionProgress } from './PredictionResult.tsx';
import { MAX_KEPT_CROPS, type PhotoEntry } from './photo-list.ts';
import { TopPredictions } from '../predictions/TopPredictions.tsx';
import { useColumnTitle } from './useColumnTitle.ts';
import { classifyText } from '../i18n/classify.ts';
import { useMessages } from '../i18n/messages.ts';
import { useSay } from '../i18n/said.ts';
import type { ClassifyMessages } from '../i18n/en/classify.ts';

/** "1 crop · 2 forward passes · 1.21 s": the mode a photo was classified in, its passes and time. */
function modeSummary(photo: PhotoEntry, m: ClassifyMessages): string | undefined {
  const modeText = (mode: ClassifyMode) => m.mode.text(mode.crops, mode.ensemble);
  const mode = photo.mode ?? DEFAULT_CLASSIFY_MODE;
  if (photo.prediction) {
    const passes = photo.prediction.networks.reduce((sum, r) => sum + r.passes, 0);
    return m.result.summary(modeText(mode), m.result.passes(passes), duration(photo.prediction.totalMs));
  }
  if (photo.outcome) {
    const passes = photo.outcome.results.length;
    const ms =
      photo.outcome.decodeMs +
      photo.outcome.results.reduce((sum, r) => sum + r.timings.preprocessMs + r.timings.inferenceMs, 0);
    return m.result.summary(modeText(mode), m.result.passes(passes), duration(ms));
  }
  return photo.status === 'classifying' ? modeText(mode) : undefined;
}

/** One photo's results: for each network, the crop it saw, its top-5, timings and backend, side by side. */
export function ResultCard({
  photo,
  onRemove,
  onCancel,
}: {
  photo: PhotoEntry;
  onRemove: () => void;
  onCancel?: () => void;
}) {
  const outcome = photo.outcome;
  const size = outcome ?? photo.prediction;
  const m = useMessages(classifyText);
  const t = m.result;
  const say = useSay(classifyText);
  const summary = modeSummary(photo, m);
  const multi = photo.mode !== undefined && !isDefaultMode(photo.mode);
  return (
    <article
      className={`result-card status-${photo.status}`}
      data-photo={photo.name}
      aria-busy={photo.status === 'classifying'}
    >
      <header>
        <h3>{photo.name}</h3>
        {size && <span className="meta">{t.decoded(size.width, size.height, duration(size.decodeMs))}</span>}
        {summary && <span className="meta mode-summary">{summary}</span>}
        <button type="button" className="quiet" onClick={onRemove} aria-label={t.remove(photo.name)}>
          {t.removeButton}
        </button>
      </header>
      {photo.status === 'waiting' && <p className="meta">{t.waiting}</p>}
      {photo.status === 'classifying' && !multi && <p className="meta">{t.classifying}</p>}
      {photo.status === 'classifying' && multi && (
        <PredictionProgress progress={photo.progress} name={photo.name} onCancel={() => onCancel?.()} />
      )}
      {photo.status === 'error' && photo.error && (
        <p className="error" role="alert">
          {say(photo.error)}
        </p>
      )}
      {photo.status !== 'waiting' &&
        photo.awaiting?.map((network) => (
          <p key={network} className="meta awaiting" data-awaiting={network}>
            {t.awaiting(networkTitle(network))}
          </p>
        ))}
      {photo.prediction && <PredictionColumns prediction={photo.prediction} slot={photo.slot} />}
      {outcome && (
        <div className={`network-results count-${outcome.results.length}`}>
          {outcome.results.map((result) => (
            <NetworkColumn key={result.network} result={result} slot={photo.slot} cropKept={!photo.cropsReleased} />
          ))}
        </div>
      )}
    </article>
  );
}

function NetworkColumn({
  result,
  slot,
  cropKept,
}: {
  result: NetworkResult;
  slot: string | undefined;
  cropKept: boolean;
}) {
  const title = useColumnTitle(result.network);
  const t = useMessages(classifyText).result;
  return (
    <section className="network-result" data-network={result.network} aria-label={title}>
      <h4>{title}</h4>
      {cropKept ? (
        <CropCanvas bitmap={result.crop} label={t.asSeen(title, result.crop.width, result.crop.height)} />
      ) : (
        <p className="meta crop-released">{t.cropNotKept(MAX_KEPT_CROPS)}</p>
      )}
      <TopPredictions top={result.top} />
      <p className="timings">
        {t.preprocessing(duration(result.timings.preprocessMs))}
        <span data-inference-ms={result.timings.inferenceMs}>{duration(result.timings.inferenceMs)}</span>
        {t.on}
        <span className="backend">{BACKEND_TITLES[result.backend]}</span>
      </p>
      {slot && <InsideLinks network={result.network} slot={slot} />}
    </section>
  );
}
