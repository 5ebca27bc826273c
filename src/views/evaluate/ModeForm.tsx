/** The evaluation's prediction mode: a network or the ensemble, and 1, 12 or 144 crops; and ReaL labels. */
import { CROP_COUNTS } from '../../runtime/evaluation/crops.ts';
import { CLASSIFIABLE_NETWORKS as EVALUATED_NETWORKS } from '../../model/networks/index.ts';
import { useModeWords } from './mode-words.ts';
import { passesPerImage, type ModelChoice, type PredictionMode } from '../../runtime/evaluation/mode.ts';
import { CropsNote } from '../predictions/CropsNote.tsx';
import { evaluateText } from '../i18n/evaluate.ts';
import { useMessages } from '../i18n/messages.ts';
import { useSay } from '../i18n/said.ts';
import type { EvaluateSaid } from '../i18n/evaluate.ts';

export interface ModeFormProps {
  mode: PredictionMode;
  onMode: (mode: PredictionMode) => void;
  /** Locked while a run uses the mode. */
  disabled: boolean;
  real: { on: boolean; loading?: boolean; error?: EvaluateSaid };
  onReal: (on: boolean) => void;
}

const MODELS: readonly ModelChoice[] = [...EVALUATED_NETWORKS, 'ensemble'];

export function ModeForm({ mode, onMode, disabled, real, onReal }: ModeFormProps) {
  const t = useMessages(evaluateText).form;
  const say = useSay(evaluateText);
  const words = useModeWords();
  return (
    <fieldset className="evaluate-mode" disabled={disabled}>
      <legend>{t.legend}</legend>
      <div className="choices">
        <label>
          {t.network}{' '}
          <select value={mode.model} onChange={(e) => onMode({ ...mode, model: e.currentTarget.value as ModelChoice })}>
            {MODELS.map((m) => (
              <option key={m} value={m}>
                {words.model(m)}
              </option>
            ))}
          </select>
        </label>
        <span role="radiogroup" aria-label={t.cropsPerNetwork} className="segmented-choice">
          {CROP_COUNTS.map((crops) => (
            <label key={crops}>
              <input
                type="radio"
                name="evaluate-crops"
                value={crops}
                checked={mode.crops === crops}
                onChange={() => onMode({ ...mode, crops })}
              />
              {t.crops(crops)}
            </label>
          ))}
        </span>
      </div>
      <p className="meta">
        {t.perImage(passesPerImage(mode))}
        {mode.crops === 12 ? t.twelve : ''}
        {mode.model === 'ensemble' ? t.ensemble : ''}
        {t.end}
      </p>
      <label className="real-choice">
        <input
          type="checkbox"
          checked={real.on}
          disabled={real.loading}
          onChange={(e) => onReal(e.currentTarget.checked)}
        />
        {t.real}
        {real.loading ? t.realLoading : ''}
      </label>
      {real.error && (
        <p className="error" role="alert">
          {say(real.error)}
        </p>
      )}
      <CropsNote />
    </fieldset>
  );
}
