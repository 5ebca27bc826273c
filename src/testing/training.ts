/** Test support for the training engine: backends with gradients, and settings for short runs. */
import { activateNodeBackend } from '../runtime/backends/backends.node.ts';
import { ensureGradients } from '../runtime/inside/gradient-support.ts';
import type { TrainingConfig } from '../runtime/training/config.ts';

/** The Node backend, with tfjs's gradient functions registered. */
export async function trainingBackend(backend: 'cpu' | 'wasm'): Promise<void> {
  await activateNodeBackend(backend);
  await ensureGradients();
}

/** RMSProp as the paper's (decay 0.9, ε = 1, momentum 0.9) at a rate that moves a small network in a few steps. */
export function testConfig(overrides: Partial<TrainingConfig> = {}): TrainingConfig {
  return {
    optimizer: { kind: 'rmsprop', learningRate: 0.01, decay: 0.9, epsilon: 1, momentum: 0.9 },
    schedule: { kind: 'constant' },
    batchSize: 8,
    epochs: 1,
    seed: 3,
    augment: false,
    dropout: false,
    ...overrides,
  };
}
