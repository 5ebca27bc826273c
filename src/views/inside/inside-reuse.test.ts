/**
 * The classify page's photo, then its "Look inside" (issue 17, defect 3): the page classifies the photo
 * with its library slot, and the explorer's store attaching that slot and running the network is answered
 * from what the classification kept: one decode and one forward pass in all.
 */
import { describe, expect, it } from 'vitest';
import { workersServing } from '../../testing/worker/fake-workers.ts';
import { TinyInsideRuntime } from '../../testing/worker/inside-runtime.ts';
import { sessionPerTest } from '../../testing/worker/session-per-test.ts';
import { startClassifyStore } from '../../testing/classify-stores.ts';
import { photoLibrary } from '../photos/library.ts';
import { insideThrough, weightsGate } from './app-inside-store.ts';
import { InsideStore, runKey, summaryKey } from './inside-store.ts';

const openSession = sessionPerTest();

/** The app's session to the real worker service, whose runtime builds the tiny network and counts its work. */
function start() {
  const runtime = new TinyInsideRuntime();
  return { runtime, session: openSession(workersServing(runtime)) };
}

describe('"Look inside" from the classify page', () => {
  it("runs nothing again: the inside store's attach, run and stage thumbnails reuse the classification", async () => {
    const { runtime, session } = start();
    // The app's library: in memory here (Node has no IndexedDB).
    const library = photoLibrary();
    const classify = await startClassifyStore(session);
    await classify.networks.loadFile('inception-v4', new File([Uint8Array.of(4)], 'v4.safetensors'));
    await classify.addFiles([new File([Uint8Array.of(0xff, 3)], 'cat.jpg', { type: 'image/jpeg' })]);
    await expect.poll(() => classify.getSnapshot().photos[0]?.status).toBe('done');
    const slot = classify.getSnapshot().photos[0].slot!;
    expect(slot).toBeDefined();
    expect([runtime.decodes, runtime.passes]).toEqual([1, 1]);

    // What the result's "Look inside" opens: the explorer's store on the slot.
    const inside = new InsideStore(insideThrough(session), library, weightsGate(classify.networks));
    await inside.show(slot);
    inside.run('inception-v4');
    await expect.poll(() => inside.getSnapshot().runs.get(runKey('inception-v4'))?.status).toBe('done');
    inside.requestSummaries('inception-v4', {}, ['stem', 'mixed', 'block']);
    const run = runKey('inception-v4');
    await expect.poll(() => inside.getSnapshot().summaries.has(summaryKey(run, 'block'))).toBe(true);

    expect(runtime.decodes).toBe(1);
    expect(runtime.runs).toEqual(['full']);
  });
});
