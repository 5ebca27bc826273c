/** A prediction mode in the reader's language: "Inception-v4, 12 crops", "集成（…），1 个裁剪". */
import { NETWORK_TITLES, type ModelChoice, type PredictionMode } from '../../runtime/evaluation/mode.ts';
import { evaluateText } from '../i18n/evaluate.ts';
import { useMessages } from '../i18n/messages.ts';

export interface ModeWords {
  model(model: ModelChoice): string;
  mode(mode: PredictionMode): string;
}

export function useModeWords(): ModeWords {
  const t = useMessages(evaluateText);
  const model = (m: ModelChoice) => (m === 'ensemble' ? t.ensembleTitle : NETWORK_TITLES[m]);
  return { model, mode: (m) => t.modeTitle(model(m.model), m.crops) };
}
