/**
 * Test support: the records of a whole race from the fake TrainingApi, collected synchronously — the same
 * numbers every time, for golden charts, component tests and screenshots.
 */
import type { ProgressRecord } from '../../runtime/training/protocol.ts';
import { DEFAULT_SETTINGS, trainingConfig, type LabSettings, type RaceChoice } from '../../views/learn/settings.ts';
import { FakeTrainingApi, type FakeTrainingOptions } from './fake-training.ts';
import { placeholderEntries } from './race-networks.ts';

export interface FakeRace {
  records: ProgressRecord[];
  api: FakeTrainingApi;
}

/** Runs `steps` steps of a race of `networks` (the defaults: the three small networks). */
export async function fakeRace(
  steps: number,
  options: FakeTrainingOptions & {
    settings?: Partial<LabSettings>;
    networks?: readonly RaceChoice[];
    runId?: string;
  } = {},
): Promise<FakeRace> {
  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const api = new FakeTrainingApi(options);
  const records: ProgressRecord[] = [];
  const entries = placeholderEntries(options.networks ?? settings.networks, settings.scale);
  await api.start(
    {
      runId: options.runId ?? 'run-1',
      entries,
      data: { kind: 'cifar10-download' },
      config: trainingConfig(settings),
      backend: 'cpu',
    },
    (batch) => records.push(...batch),
    () => undefined,
  );
  api.step(steps);
  return { records, api };
}
