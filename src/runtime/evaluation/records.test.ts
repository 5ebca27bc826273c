import { describe, expect, it } from 'vitest';
import { predictionsCsv, csvField } from './export-csv.ts';
import { errorRate } from './metrics.ts';
import { REAL_IMAGE_COUNT, type RealLabels } from './real-labels.ts';
import { skipReason, summarize, worstClasses, yieldedModes, type ImageRecord } from './records.ts';

const top = (...classes: number[]) => ({ top5: classes, p1: 0.5 });
const val = (n: number) => `n01440764/ILSVRC2012_val_${String(n).padStart(8, '0')}.JPEG`;

/** Six images of class 0 and 1; "inception-v4/12" gets 2 top-1 errors (one of them top-5 right), "inception-v4/1" 3. */
const RECORDS: ImageRecord[] = [
  {
    index: 0,
    path: val(1),
    label: 0,
    predictions: { 'inception-v4/1': top(0, 1, 2, 3, 4), 'inception-v4/12': top(0, 1, 2, 3, 4) },
  },
  {
    index: 1,
    path: val(2),
    label: 0,
    predictions: { 'inception-v4/1': top(5, 0, 2, 3, 4), 'inception-v4/12': top(0, 1, 2, 3, 4) },
  },
  {
    index: 2,
    path: val(3),
    label: 0,
    predictions: { 'inception-v4/1': top(5, 6, 7, 8, 9), 'inception-v4/12': top(5, 6, 7, 8, 9) },
  },
  {
    index: 3,
    path: val(4),
    label: 1,
    predictions: { 'inception-v4/1': top(1, 0, 2, 3, 4), 'inception-v4/12': top(1, 0, 2, 3, 4) },
  },
  {
    index: 4,
    path: 'holiday/beach.jpg',
    label: 1,
    predictions: { 'inception-v4/1': top(7, 1, 2, 3, 4), 'inception-v4/12': top(7, 1, 2, 3, 4) },
  },
  { index: 5, path: val(6), label: 1, error: 'val/broken.jpg: the JPEG data is truncated' },
];

/** ReaL: image 1 left out, image 2 accepts 0 or 5, image 3 accepts 0, image 4 accepts 1 (the rest unused). */
const REAL: RealLabels = Object.assign(
  Array.from({ length: REAL_IMAGE_COUNT }, () => [] as number[]),
  { 1: [0, 5], 2: [0], 3: [1] },
);

describe('summaries of an evaluation', () => {
  it('lists the modes a run yields: 12 crops also give 1 crop, the ensemble also each network', () => {
    expect(yieldedModes({ model: 'inception-v4', crops: 1 })).toEqual([{ model: 'inception-v4', crops: 1 }]);
    expect(yieldedModes({ model: 'inception-resnet-v2', crops: 12 })).toEqual([
      { model: 'inception-resnet-v2', crops: 1 },
      { model: 'inception-resnet-v2', crops: 12 },
    ]);
    expect(yieldedModes({ model: 'ensemble', crops: 144 })).toEqual([
      { model: 'inception-v4', crops: 144 },
      { model: 'inception-resnet-v2', crops: 144 },
      { model: 'ensemble', crops: 144 },
    ]);
  });

  it('counts top-1 and top-5 errors per mode, leaving skipped images out and listing them', () => {
    const summary = summarize(RECORDS);
    expect(summary.evaluated).toBe(5);
    expect(summary.skipped.map((r) => r.index)).toEqual([5]);
    expect(summary.modes.map((m) => m.key)).toEqual(['inception-v4/1', 'inception-v4/12']);
    const [one, twelve] = summary.modes;
    expect(one.top1).toEqual(errorRate(3, 5));
    expect(one.top5).toEqual(errorRate(1, 5));
    expect(twelve.top1).toEqual(errorRate(2, 5));
    expect(twelve.top5).toEqual(errorRate(1, 5));
    expect(one.real).toBeUndefined();
  });

  it('counts ReaL top-1 against any acceptable label, without the images ReaL leaves out or does not know', () => {
    const [one, twelve] = summarize(RECORDS, REAL).modes;
    // 1 crop: image 2 predicts 5 (accepted by ReaL), image 3 predicts 5 (wrong), image 4 right; image 1 left out,
    // beach.jpg unknown.
    expect(one.real).toEqual({ top1: errorRate(1, 3), leftOut: 1, unknown: 1 });
    expect(twelve.real).toEqual({ top1: errorRate(1, 3), leftOut: 1, unknown: 1 });
  });

  it('says why an image was skipped without repeating its name', () => {
    expect(skipReason({ path: 'val/n01/a.JPEG', error: 'a.JPEG: the JPEG data is truncated' })).toBe(
      'the JPEG data is truncated',
    );
    expect(skipReason({ path: 'val/n01/a.JPEG', error: '/data/val/n01/a.JPEG: no such file' })).toBe('no such file');
    expect(skipReason({ path: 'val/n01/a.JPEG', error: 'the worker stopped: out of memory' })).toBe(
      'the worker stopped: out of memory',
    );
  });

  it('ranks the worst classes by top-1 error with what they were taken for', () => {
    const worst = worstClasses(RECORDS, 'inception-v4/1');
    expect(worst).toEqual([
      {
        label: 0,
        images: 3,
        errors: 2,
        rate: 2 / 3,
        confusions: [{ predicted: 5, count: 2 }],
        examples: [
          { index: 1, path: val(2), predicted: 5 },
          { index: 2, path: val(3), predicted: 5 },
        ],
      },
      {
        label: 1,
        images: 2,
        errors: 1,
        rate: 0.5,
        confusions: [{ predicted: 7, count: 1 }],
        examples: [{ index: 4, path: 'holiday/beach.jpg', predicted: 7 }],
      },
    ]);
    expect(worstClasses(RECORDS, 'inception-v4/1', 1)).toHaveLength(1);
    expect(worstClasses(RECORDS, 'ensemble/1')).toEqual([]);
  });
});

describe('CSV export', () => {
  it('quotes fields with commas, quotes or line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(undefined)).toBe('');
  });

  it("writes one row per image with each mode's top-5 and correctness", () => {
    const lines = predictionsCsv(RECORDS, ['inception-v4/1', 'inception-v4/12']).split('\r\n');
    expect(lines).toHaveLength(RECORDS.length + 2);
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'index,path,label,wnid,class,status,inception-v4/1 top1,inception-v4/1 top1_class,inception-v4/1 top1_probability,inception-v4/1 top5,' +
        'inception-v4/1 top1_correct,inception-v4/1 top5_correct,inception-v4/12 top1,inception-v4/12 top1_class,inception-v4/12 top1_probability,' +
        'inception-v4/12 top5,inception-v4/12 top1_correct,inception-v4/12 top5_correct',
    );
    expect(lines[2]).toBe(
      `1,${val(2)},0,n01440764,tench,ok,5,electric ray,0.500000,5 0 2 3 4,false,true,0,tench,0.500000,0 1 2 3 4,true,true`,
    );
    expect(lines[6]).toBe(
      `5,${val(6)},1,n01443537,goldfish,skipped: val/broken.jpg: the JPEG data is truncated,,,,,,,,,,,,`,
    );
  });

  it('adds the ReaL labels and ReaL correctness when loaded', () => {
    const lines = predictionsCsv(RECORDS, ['inception-v4/1'], REAL).split('\r\n');
    expect(lines[0]).toBe(
      'index,path,label,wnid,class,status,real_labels,inception-v4/1 top1,inception-v4/1 top1_class,inception-v4/1 top1_probability,' +
        'inception-v4/1 top5,inception-v4/1 top1_correct,inception-v4/1 top5_correct,inception-v4/1 real_top1_correct',
    );
    expect(lines[1].split(',').slice(6)).toEqual([
      'left out',
      '0',
      'tench',
      '0.500000',
      '0 1 2 3 4',
      'true',
      'true',
      '',
    ]);
    expect(lines[2].split(',').slice(6)).toEqual([
      '0 5',
      '5',
      'electric ray',
      '0.500000',
      '5 0 2 3 4',
      'false',
      'true',
      'true',
    ]);
    expect(lines[5].split(',')[6]).toBe('not a validation image');
  });
});
