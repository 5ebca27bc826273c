import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProgressRecord, RaceStatus } from '../../runtime/training/protocol.ts';
import { FakeTrainingApi } from '../../testing/training/fake-training.ts';
import { placeholderEntries } from '../../testing/training/race-networks.ts';
import { DEFAULT_SETTINGS, trainingConfig } from './settings.ts';
import { trainingApiOver } from './training-worker.ts';
import { sendFailureDetails } from '../../runtime/training/errors.ts';

// The page's TrainingApi over Comlink, against the fake worker API exposed on the other end of a
// MessageChannel: callbacks travel as proxies, requests and snapshots as structured clones.
const channels: MessageChannel[] = [];
afterEach(() =>
  channels.splice(0).forEach((c) => {
    c.port1.close();
    c.port2.close();
  }),
);

describe('the training worker through Comlink', () => {
  it('starts a race: records and status come through the callbacks, snapshots and exports back', async () => {
    const fake = new FakeTrainingApi({ stepsPerEpoch: 2 });
    const channel = new MessageChannel();
    channels.push(channel);
    sendFailureDetails();
    expose(fake, channel.port1);
    const { api, release } = trainingApiOver(channel.port2);
    const records: ProgressRecord[] = [];
    const statuses: RaceStatus['phase'][] = [];
    const entries = placeholderEntries(DEFAULT_SETTINGS.networks);
    await api.start(
      {
        runId: 'r',
        entries,
        data: { kind: 'generated', seed: 1, size: 32, train: 100, test: 100 },
        config: trainingConfig(DEFAULT_SETTINGS),
        backend: 'wasm',
      },
      (batch) => records.push(...batch),
      (status) => statuses.push(status.phase),
    );
    await expect.poll(() => statuses).toEqual(['loading-data', 'building', 'training']);
    // The definitions crossed as clones: the worker side sees the same networks.
    const stages = (list: readonly (typeof entries)[number][]) => list.map((e) => e.network.stages.length);
    expect(stages(fake.requests[0].entries)).toEqual(stages(entries));
    fake.step(2);
    await expect.poll(() => records.filter((r) => r.type === 'epoch')).toHaveLength(3);
    const snapshot = await api.snapshot('r');
    expect(snapshot).toMatchObject({ runId: 'r', epoch: 1, step: 2 });
    expect(new Uint8Array(snapshot!.networks['inception-v4-s'])).toEqual(Uint8Array.of(1));
    expect((await api.exportWeights('r', 'inception-v4-s')).byteLength).toBeGreaterThan(8);
    await api.pause('r');
    await expect.poll(() => statuses.at(-1)).toBe('paused');
    // The failure crosses with its code, for the page to word in its reader's language.
    await expect(api.exportWeights('r', 'nope')).rejects.toMatchObject({
      message: 'no trained network "nope" in this race: it is no longer in memory',
      detail: { code: 'training.not-in-memory', params: { network: 'nope' } },
    });
    release();
  });
});
