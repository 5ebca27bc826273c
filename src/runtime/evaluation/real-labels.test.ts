import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRealLabels, realLabelsOf, RealLabelsError, validationImageNumber } from './real-labels.ts';

const bundled = JSON.parse(readFileSync(new URL('./imagenet-real-labels.json', import.meta.url), 'utf8')) as unknown;

describe('ReaL labels', () => {
  it('reads the bundled real.json: 50,000 lists, some empty (left out), some with several classes', () => {
    const labels = parseRealLabels(bundled);
    expect(labels).toHaveLength(50_000);
    expect(labels[0]).toEqual([]); // ILSVRC2012_val_00000001 is left out by ReaL
    expect(labels[1]).toEqual([970, 795]);
    expect(labels.filter((l) => l.length === 0)).toHaveLength(3163);
    expect(realLabelsOf(labels, 'val/n02119789/ILSVRC2012_val_00000002.JPEG')).toEqual([970, 795]);
    expect(realLabelsOf(labels, 'holiday/beach.jpg')).toBeUndefined();
  });

  it('finds the validation image number in a file name', () => {
    expect(validationImageNumber('n01440764/ILSVRC2012_val_00000293.JPEG')).toBe(293);
    expect(validationImageNumber('ILSVRC2012_val_00050000.jpg')).toBe(50_000);
    expect(validationImageNumber('ILSVRC2012_val_00050001.JPEG')).toBeUndefined();
    expect(validationImageNumber('ILSVRC2012_val_00000000.JPEG')).toBeUndefined();
    expect(validationImageNumber('ILSVRC2012_train_00000001.JPEG')).toBeUndefined();
  });

  it('refuses a file that is not real.json, saying why', () => {
    expect(() => parseRealLabels({ a: 1 }, 'labels.json')).toThrow(RealLabelsError);
    expect(() => parseRealLabels({ a: 1 }, 'labels.json')).toThrow(
      'labels.json: expected a JSON list of 50000 lists of class indices',
    );
    expect(() => parseRealLabels([[1]], 'labels.json')).toThrow(
      'labels.json: expected 50000 entries (one per ILSVRC-2012 validation image), got 1',
    );
    const bad = Array.from({ length: 50_000 }, () => [1]) as unknown[];
    bad[4] = [1000];
    expect(() => parseRealLabels(bad, 'labels.json')).toThrow(
      'labels.json: entry 5 (ILSVRC2012_val_00000005) must be a list of class indices 0–999, got [1000]',
    );
  });
});
