/** The engine's Trainer as one lane of a race (race.ts): batches in, losses, errors and the monitor out. */
import type { NetworkDefinition } from '../../model/types.ts';
import type { TrainingConfig } from './config.ts';
import type { MonitorRecord } from './protocol.ts';
import type { Batch, RaceTrainer } from './race.ts';
import { tensorSourceOf, type TrainedNetwork } from './trained-file.ts';
import { Trainer } from './trainer.ts';

/** A trainer for `network`: fresh, or continuing a saved run (its weights and, where kept, optimiser state). */
export function createTrainer(network: NetworkDefinition, config: TrainingConfig, resumed?: TrainedNetwork): Trainer {
  const trainer = Trainer.create(network, config, resumed ? tensorSourceOf(resumed.weights) : undefined);
  const saved = resumed?.optimizer;
  try {
    if (saved) trainer.restore({ optimizer: saved.kind, step: saved.step, tensors: new Map(saved.tensors) });
  } catch (error) {
    trainer.dispose();
    throw error;
  }
  return trainer;
}

export function trainerLane(trainer: Trainer): RaceTrainer {
  return {
    step: (batch: Batch, epoch: number) => trainer.step(batch.images, batch.labels, epoch),
    async evaluate(batches: Iterable<Batch>) {
      let loss = 0;
      let errors = 0;
      let count = 0;
      for (const batch of batches) {
        const e = await trainer.evaluate(batch.images, batch.labels);
        loss += e.loss * batch.count;
        errors += e.top1Error * batch.count;
        count += batch.count;
      }
      return { loss: count ? loss / count : NaN, top1Error: count ? errors / count : NaN };
    },
    monitor: async (batch: Batch): Promise<MonitorRecord> => {
      const m = await trainer.monitor(batch.images);
      return { groups: { ...m.groups }, zeroFraction: m.zeroFraction };
    },
  };
}
