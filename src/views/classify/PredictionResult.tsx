/**
 * A photo classified in a multi-crop or ensemble mode: each network's centre crop and top-5 (averaged
 * over its crops), the ensemble's top-5 when asked for, and for each the forward passes and time; while
 * it runs, the passes done with the time left and a Cancel button. Each network can be looked inside with
 * the photo (its centre crop).
 */
import { durationText } from '../../runtime/evaluation/duration-text.ts';
import type { NetworkRun, PredictOutcome } from '../../runtime/worker/protocol.ts';
import { CropCanvas } from './CropCanvas.tsx';
import { InsideLinks } from './InsideLinks.tsx';
import { BACKEND_TITLES, duration } from '../networks/names.ts';
import type { PassProgress } from './prediction-mode.ts';
import { TopPredictions } from '../predictions/TopPredictions.tsx';
import { useColumnTitle } from './useColumnTitle.ts';
import { classifyText } from '../i18n/classify.ts';
import { useMessages } from '../i18n/messages.ts';

export function PredictionColumns({ prediction, slot }: { prediction: PredictOutcome; slot?: string }) {
  const crops = Math.max(...prediction.modes.map((m) => m.crops));
  const ensemble = prediction.modes.find((m) => m.model === 'ensemble' && m.crops === crops);
  const m = useMessages(classifyText);
  const t = m.result;
  const cropsText = m.mode.crops;
  return (
    <div className={`network-results count-${prediction.networks.length + (ensemble ? 1 : 0)}`}>
      {prediction.networks.map((run) => (
        <ModeColumn
          key={run.network}
          run={run}
          crops={crops}
          slot={slot}
          top={prediction.modes.find((p) => p.model === run.network && p.crops === crops)!.top}
        />
      ))}
      {ensemble && (
        <section className="network-result ensemble" data-network="ensemble" data-crops={crops} aria-label={t.ensemble}>
          <h4>{t.ensemble}</h4>
          <p className="meta">{t.ensembleNote(cropsText(crops))}</p>
          <TopPredictions top={ensemble.top} />
          <p className="timings">
            <span data-passes={ensemble.passes}>{t.passes(ensemble.passes)}</span>
            {t.inAll(duration(prediction.totalMs))}
          </p>
        </section>
      )}
    </div>
  );
}

type ModeTop = PredictOutcome['modes'][number]['top'];

function ModeColumn({ run, crops, top, slot }: { run: NetworkRun; crops: number; top: ModeTop; slot?: string }) {
  const m = useMessages(classifyText);
  const t = m.result;
  const title = useColumnTitle(run.network);
  return (
    <section className="network-result" data-network={run.network} data-crops={crops} aria-label={title}>
      <h4>{title}</h4>
      {run.crop && <CropCanvas bitmap={run.crop} label={t.centreCrop(title, run.crop.width, run.crop.height)} />}
      <TopPredictions top={top} />
      <p className="timings">
        {t.averaged(m.mode.crops(crops))}
        <span data-passes={run.passes}>{t.passes(run.passes)}</span>
        {t.inference}
        <span data-inference-ms={run.timings.inferenceMs}>{duration(run.timings.inferenceMs)}</span>
        {t.cropsTime(duration(run.timings.preprocessMs))}
        <span className="backend">{BACKEND_TITLES[run.backend]}</span>
      </p>
      {slot && crops > 1 && <p className="meta">{t.insideCentreCrop}</p>}
      {slot && <InsideLinks network={run.network} slot={slot} />}
    </section>
  );
}

export function PredictionProgress({
  progress,
  onCancel,
  name,
}: {
  progress: PassProgress | undefined;
  onCancel: () => void;
  name: string;
}) {
  const t = useMessages(classifyText).result;
  return (
    <div className="prediction-progress" role="status">
      <progress max={progress?.total ?? 1} value={progress?.done ?? 0} aria-label={t.passesFor(name)} />
      <span className="meta">
        {progress ? t.progress(progress.done, progress.total) : t.starting}
        {progress?.etaMs !== undefined && progress.done < progress.total ? t.left(durationText(progress.etaMs)) : ''}
      </span>{' '}
      <button type="button" onClick={onCancel}>
        {t.cancel}
      </button>
    </div>
  );
}
