/**
 * A photo classified in a multi-crop or ensemble mode: each network's centre crop and top-5 (averaged
 * over its crops), the ensemble's top-5 when asked for, and for each the forward passes and time; while
 * it runs, the passes done with the time left and a Cancel button.
 */
import { durationText } from '../../runtime/evaluation/duration-text.ts';
import type { PredictOutcome } from '../../runtime/worker/protocol.ts';
import { CropCanvas } from './CropCanvas.tsx';
import { BACKEND_TITLES, duration, networkTitle } from './names.ts';
import type { PassProgress } from './prediction-mode.ts';
import { TopPredictions } from './TopPredictions.tsx';

const cropsText = (crops: number) => (crops === 1 ? '1 crop' : `${crops} crops`);

export function PredictionColumns({ prediction }: { prediction: PredictOutcome }) {
  const crops = Math.max(...prediction.modes.map((m) => m.crops));
  const ensemble = prediction.modes.find((m) => m.model === 'ensemble' && m.crops === crops);
  return (
    <div className={`network-results count-${prediction.networks.length + (ensemble ? 1 : 0)}`}>
      {prediction.networks.map((run) => {
        const title = networkTitle(run.network);
        const mode = prediction.modes.find((m) => m.model === run.network && m.crops === crops)!;
        return (
          <section key={run.network} className="network-result" data-network={run.network} data-crops={crops} aria-label={title}>
            <h4>{title}</h4>
            {run.crop && <CropCanvas bitmap={run.crop} label={`The photo’s centre crop as ${title} sees it (${run.crop.width}×${run.crop.height})`} />}
            <TopPredictions top={mode.top} />
            <p className="timings">
              {cropsText(crops)} averaged · <span data-passes={run.passes}>{run.passes} forward pass{run.passes === 1 ? '' : 'es'}</span>
              {' '}· inference <span data-inference-ms={run.timings.inferenceMs}>{duration(run.timings.inferenceMs)}</span>,
              crops {duration(run.timings.preprocessMs)} on <span className="backend">{BACKEND_TITLES[run.backend]}</span>
            </p>
          </section>
        );
      })}
      {ensemble && (
        <section className="network-result ensemble" data-network="ensemble" data-crops={crops} aria-label="Ensemble">
          <h4>Ensemble</h4>
          <p className="meta">Inception-v4 and Inception-ResNet-v2, probabilities averaged over {cropsText(crops)} and both networks.</p>
          <TopPredictions top={ensemble.top} />
          <p className="timings"><span data-passes={ensemble.passes}>{ensemble.passes} forward passes</span> in all · {duration(prediction.totalMs)} for the photo</p>
        </section>
      )}
    </div>
  );
}

export function PredictionProgress({ progress, onCancel, name }: { progress: PassProgress | undefined; onCancel: () => void; name: string }) {
  return (
    <div className="prediction-progress" role="status">
      <progress max={progress?.total ?? 1} value={progress?.done ?? 0} aria-label={`Forward passes for ${name}`} />
      <span className="meta">
        {progress ? `${progress.done} of ${progress.total} forward passes` : 'Starting…'}
        {progress?.etaMs !== undefined && progress.done < progress.total ? ` · about ${durationText(progress.etaMs)} left` : ''}
      </span>{' '}
      <button type="button" onClick={onCancel}>Cancel</button>
    </div>
  );
}
