/** The classify page's choice of prediction mode: 1, 12 or 144 crops per network, and the ensemble. */
import { CROP_COUNTS, type CropCount } from '../../runtime/evaluation/crops.ts';
import { durationText } from '../../runtime/evaluation/duration-text.ts';
import { CropsNote } from './CropsNote.tsx';
import { DEFAULT_CLASSIFY_MODE, type ClassifyMode } from './prediction-mode.ts';

export interface PredictionModePickerProps {
  mode: ClassifyMode | undefined;
  onChange: (mode: ClassifyMode) => void;
  /** Networks loaded now (the ensemble needs both). */
  loaded: number;
  /** The last measured time of one forward pass, to say what a mode costs. */
  passMs?: number;
}

export function PredictionModePicker({ mode = DEFAULT_CLASSIFY_MODE, onChange, loaded, passMs }: PredictionModePickerProps) {
  const networks = mode.ensemble ? 2 : Math.max(1, loaded);
  const passes = mode.crops * networks;
  return (
    <fieldset className="prediction-mode">
      <legend>Prediction</legend>
      <div className="choices">
        <span role="radiogroup" aria-label="Crops per network" className="segmented-choice">
          {CROP_COUNTS.map((crops: CropCount) => (
            <label key={crops}>
              <input type="radio" name="crops" value={crops} checked={mode.crops === crops} onChange={() => onChange({ ...mode, crops })} />
              {crops === 1 ? '1 crop' : `${crops} crops`}
            </label>
          ))}
        </span>
        <label title={loaded < 2 ? 'Load both networks to average them' : undefined}>
          <input type="checkbox" checked={mode.ensemble} onChange={(e) => onChange({ ...mode, ensemble: e.currentTarget.checked })} />
          Ensemble: average Inception-v4 and Inception-ResNet-v2
        </label>
      </div>
      <p className="meta" data-passes={passes}>
        {passes} forward pass{passes === 1 ? '' : 'es'} per photo
        {passMs ? `, about ${durationText(passes * passMs)} at the last measured ${(passMs / 1000).toFixed(2)} s a pass` : ''}
        {mode.ensemble && loaded < 2 ? '. The ensemble needs both networks: load the other one’s weights.' : '.'}
      </p>
      <CropsNote />
    </fieldset>
  );
}
