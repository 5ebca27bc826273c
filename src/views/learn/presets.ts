/**
 * Presets that put the paper's two claims about learning to the test at small scale. Data only: each is
 * a question and the settings that ask it; what the run answers is read from its records (outcome.ts).
 *
 * - "Do residuals speed up training?" (Figs. 11–14 and 18 plot error against epoch): Inception-v4-S,
 *   Inception-ResNet-v2-S and its twin without shortcuts (same blocks, same cost), same budget.
 * - "Why scale the residuals?" (§3.3: wide residual networks "died" early unless their residuals were
 *   scaled by 0.1–0.3): a wider Inception-ResNet-v2-S at ten times the paper's learning rate, every
 *   residual scaled by 1.0 against 0.1.
 */
import { choiceId, DEFAULT_SETTINGS, sameSettings, SMALL_NETWORKS, type LabSettings } from './settings.ts';

export type PresetId = 'residuals-speed' | 'why-scale';

export interface Preset {
  id: PresetId;
  /** Settings that differ from the defaults. */
  settings: Partial<LabSettings>;
}

export const PRESETS: readonly Preset[] = [
  { id: 'residuals-speed', settings: { networks: SMALL_NETWORKS.map((network) => ({ network })) } },
  {
    id: 'why-scale',
    settings: {
      networks: [
        { network: 'inception-resnet-v2-s', width: 0.5, scale: 1 },
        { network: 'inception-resnet-v2-s', width: 0.5, scale: 0.1 },
      ],
      learningRate: 0.45,
    },
  },
];

/** What a preset leaves as the reader chose it: the data, the seed and the backend. */
type Kept = Pick<LabSettings, 'data' | 'train' | 'test' | 'seed' | 'backend'>;

/** A preset's full settings: the defaults for everything it leaves alone, the reader's data, seed and backend. */
export function presetSettings(preset: Preset, keep?: Kept): LabSettings {
  const kept = keep && { data: keep.data, train: keep.train, test: keep.test, seed: keep.seed, backend: keep.backend };
  return { ...DEFAULT_SETTINGS, ...preset.settings, ...kept };
}

/** The preset these settings are (whatever the data, seed and backend), if any: its question is then asked. */
export function presetOf(settings: LabSettings): PresetId | undefined {
  return PRESETS.find((p) => sameSettings(presetSettings(p, settings), settings))?.id;
}

/**
 * The question a race asks: that of the preset whose networks it races (whatever its epochs, learning
 * rate or data), since the facts read for the question (errors reached, networks that died) hold for any.
 */
export function questionOf(settings: LabSettings): PresetId | undefined {
  const ids = settings.networks.map(choiceId).join();
  return PRESETS.find((p) => (p.settings.networks ?? DEFAULT_SETTINGS.networks).map(choiceId).join() === ids)?.id;
}
