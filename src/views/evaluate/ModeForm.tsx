/** The evaluation's prediction mode: a network or the ensemble, and 1, 12 or 144 crops; and ReaL labels. */
import { CROP_COUNTS } from '../../runtime/evaluation/crops.ts';
import { CLASSIFIABLE_NETWORKS as EVALUATED_NETWORKS } from '../../model/networks/index.ts';
import { modelTitle, passesPerImage, type ModelChoice, type PredictionMode } from '../../runtime/evaluation/mode.ts';
import { CropsNote } from '../classify/CropsNote.tsx';

export interface ModeFormProps {
  mode: PredictionMode;
  onMode: (mode: PredictionMode) => void;
  /** Locked while a run uses the mode. */
  disabled: boolean;
  real: { on: boolean; loading?: boolean; error?: string };
  onReal: (on: boolean) => void;
}

const MODELS: readonly ModelChoice[] = [...EVALUATED_NETWORKS, 'ensemble'];

export function ModeForm({ mode, onMode, disabled, real, onReal }: ModeFormProps) {
  return (
    <fieldset className="evaluate-mode" disabled={disabled}>
      <legend>Prediction mode</legend>
      <div className="choices">
        <label>
          Network{' '}
          <select value={mode.model} onChange={(e) => onMode({ ...mode, model: e.currentTarget.value as ModelChoice })}>
            {MODELS.map((m) => <option key={m} value={m}>{modelTitle(m)}</option>)}
          </select>
        </label>
        <span role="radiogroup" aria-label="Crops per network" className="segmented-choice">
          {CROP_COUNTS.map((crops) => (
            <label key={crops}>
              <input type="radio" name="evaluate-crops" value={crops} checked={mode.crops === crops} onChange={() => onMode({ ...mode, crops })} />
              {crops === 1 ? '1 crop' : `${crops} crops`}
            </label>
          ))}
        </span>
      </div>
      <p className="meta">
        {passesPerImage(mode)} forward pass{passesPerImage(mode) === 1 ? '' : 'es'} per image
        {mode.crops === 12 ? '; the first of the 12 crops is the 1-crop one, so the 1-crop error comes too' : ''}
        {mode.model === 'ensemble' ? '; each network’s own error comes too' : ''}.
      </p>
      <label className="real-choice">
        <input type="checkbox" checked={real.on} disabled={real.loading} onChange={(e) => onReal(e.currentTarget.checked)} />
        Also count the ReaL labels (Beyer et al. 2020): a top-1 answer is right when raters found it acceptable
        {real.loading ? ' — loading…' : ''}
      </label>
      {real.error && <p className="error" role="alert">{real.error}</p>}
      <CropsNote />
    </fieldset>
  );
}
