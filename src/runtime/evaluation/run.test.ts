import { describe, expect, it } from 'vitest';
import type { ImageRecord } from './records.ts';
import { runEvaluation, type EvaluateImage, type RunItem, type RunProgress } from './run.ts';

class ImageProblem extends Error {}

const items: RunItem[] = Array.from({ length: 6 }, (_, index) => ({
  index,
  path: `n01440764/img${index}.jpg`,
  label: index % 2,
}));
const predictions = (item: RunItem) => ({ 'inception-v4/1': { top5: [item.label, 9, 8, 7, 6], p1: 0.9 } });

/** A fake clock: each forward pass takes 100 ms. */
function harness(evaluate?: EvaluateImage) {
  let clock = 0;
  const records: ImageRecord[] = [];
  const progress: RunProgress[] = [];
  const calls: number[] = [];
  const base: EvaluateImage = async (item, { onPass, signal }) => {
    calls.push(item.index);
    for (let pass = 0; pass < 2; pass++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      signal.throwIfAborted();
      clock += 100;
      onPass();
    }
    if (item.path.includes('img3')) throw new ImageProblem(`${item.path}: the JPEG data is truncated`);
    return { predictions: predictions(item) };
  };
  return {
    records,
    progress,
    calls,
    options: {
      items,
      passesPerImage: 2,
      evaluate: evaluate ?? base,
      now: () => clock,
      isImageProblem: (error: unknown) => error instanceof ImageProblem,
      record: (record: ImageRecord) => void records.push(record),
      onProgress: (p: RunProgress) => void progress.push(p),
    },
  };
}

describe('running an evaluation', () => {
  it('records every image, skipping (and recording) an unreadable one in the middle, and reports progress with a rate and ETA', async () => {
    const h = harness();
    expect(await runEvaluation(h.options, new AbortController().signal)).toBe('done');
    expect(h.records.map((r) => r.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const skipped = h.records.find((r) => r.index === 3)!;
    expect(skipped).toMatchObject({
      path: 'n01440764/img3.jpg',
      label: 1,
      error: 'n01440764/img3.jpg: the JPEG data is truncated',
    });
    expect(skipped.predictions).toBeUndefined();
    expect(h.records.find((r) => r.index === 4)).toMatchObject({ predictions: predictions(items[4]) });
    const last = h.progress.at(-1)!;
    expect(last).toMatchObject({ total: 6, done: 6, skipped: 1, etaMs: 0 });
    // 2 passes of 100 ms an image: 5 images per second.
    expect(last.imagesPerSecond).toBeCloseTo(5, 0);
    const midway = h.progress.find((p) => p.done === 3)!;
    // Three images left, less what the image in flight has done already (at most one of its two passes).
    expect(midway.etaMs! / 1000).toBeLessThanOrEqual(3 / midway.imagesPerSecond + 1e-9);
    expect(midway.etaMs! / 1000).toBeGreaterThanOrEqual(2.5 / midway.imagesPerSecond - 1e-9);
  });

  it('hands over the next image while the current one runs (decoding overlaps inference)', async () => {
    const started: number[] = [];
    let running = 0;
    let overlap = 0;
    const h = harness(async (item) => {
      started.push(item.index);
      running++;
      overlap = Math.max(overlap, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return { predictions: predictions(item) };
    });
    await runEvaluation(h.options, new AbortController().signal);
    expect(overlap).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reports the pace of a slow image (144 crops) before it is done', async () => {
    let clock = 0;
    const progress: RunProgress[] = [];
    await runEvaluation(
      {
        items: items.slice(0, 1),
        passesPerImage: 144,
        now: () => clock,
        isImageProblem: () => false,
        record: () => undefined,
        onProgress: (p) => void progress.push(p),
        evaluate: async (item, { onPass }) => {
          for (let i = 0; i < 144; i++) {
            clock += 100;
            onPass();
          }
          return { predictions: predictions(item) };
        },
      },
      new AbortController().signal,
    );
    const during = progress.filter((p) => p.done === 0 && p.etaMs !== undefined);
    expect(during.length).toBeGreaterThan(10);
    // 100 ms a pass: after 72 passes, 7.2 s are left.
    expect(during.find((p) => Math.abs(p.etaMs! - 7200) < 1)).toBeDefined();
  });

  it('resumes: images already recorded are not done again', async () => {
    const h = harness();
    expect(
      await runEvaluation({ ...h.options, done: new Set([0, 1, 2]), alreadySkipped: 0 }, new AbortController().signal),
    ).toBe('done');
    expect(h.calls.sort()).toEqual([3, 4, 5]);
    expect(h.progress.at(-1)).toMatchObject({ done: 6, skipped: 1 });
  });

  it('stops when aborted, keeping what was recorded and dropping the images in flight', async () => {
    const controller = new AbortController();
    const h = harness();
    const records: ImageRecord[] = [];
    const run = runEvaluation(
      {
        ...h.options,
        record: (r) => {
          records.push(r);
          if (records.length === 2) controller.abort();
        },
      },
      controller.signal,
    );
    expect(await run).toBe('stopped');
    expect(records.map((r) => r.index)).toEqual([0, 1]);
    expect(h.calls.length).toBeLessThanOrEqual(4);
  });

  it("ends with the error when the failure is not the image's (the worker stopped)", async () => {
    const h = harness(async (item) => {
      if (item.index === 2) throw new Error('the inference worker stopped');
      return { predictions: predictions(item) };
    });
    await expect(runEvaluation({ ...h.options, concurrency: 1 }, new AbortController().signal)).rejects.toThrow(
      'the inference worker stopped',
    );
    expect(h.records.map((r) => r.index)).toEqual([0, 1]);
  });
});
