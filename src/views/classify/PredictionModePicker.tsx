/** The classify page's choice of prediction mode: 1, 12 or 144 crops per network, and the ensemble. */
import { CROP_COUNTS, type CropCount } from '../../runtime/evaluation/crops.ts';
import { durationText } from '../../runtime/evaluation/duration-text.ts';
import { CropsNote } from '../predictions/CropsNote.tsx';
import { DEFAULT_CLASSIFY_MODE, type ClassifyMode } from './prediction-mode.ts';
import { classifyText } from '../i18n/classify.ts';
import { useMessages } from '../i18n/messages.ts';

export interface PredictionModePickerProps {
  mode: ClassifyMode | undefined;
  onChange: (mode: ClassifyMode) => void;
  /** Networks loaded now (the ensemble needs both). */
  loaded: number;
  /** The last measured time of one forward pass, to say what a mode costs. */
  passMs?: number;
}

export function PredictionModePicker({
  mode = DEFAULT_CLASSIFY_MODE,
  onChange,
  loaded,
  passMs,
}: PredictionModePickerProps) {
  const networks = mode.ensemble ? 2 : Math.max(1, loaded);
  const passes = mode.crops * networks;
  const t = useMessages(classifyText).mode;
  return (
    <fieldset className="prediction-mode">
      <legend>{t.legend}</legend>
      <div className="choices">
        <span role="radiogroup" aria-label={t.cropsPerNetwork} className="segmented-choice">
          {CROP_COUNTS.map((crops: CropCount) => (
            <label key={crops}>
              <input
                type="radio"
                name="crops"
                value={crops}
                checked={mode.crops === crops}
                onChange={() => onChange({ ...mode, crops })}
              />
              {t.crops(crops)}
            </label>
          ))}
        </span>
        <label title={loaded < 2 ? t.loadBoth : undefined}>
          <input
            type="checkbox"
            checked={mode.ensemble}
            onChange={(e) => onChange({ ...mode, ensemble: e.currentTarget.checked })}
          />
          {t.ensembleChoice}
        </label>
      </div>
      <p className="meta" data-passes={passes}>
        {t.perPhoto(passes)}
        {passMs ? t.about(durationText(passes * passMs), `${(passMs / 1000).toFixed(2)} s`) : ''}
        {mode.ensemble && loaded < 2 ? t.needsBoth : t.end}
      </p>
      <CropsNote />
    </fieldset>
  );
}
