/** The engine's Trainer as one lane of a race (race.ts): batches in, losses, errors and the monitor out. */
import type { MonitorRecord } from './protocol.ts';
import type { Batch, RaceTrainer } from './race.ts';
import type { Trainer } from './trainer.ts';

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
