import { IMAGENET_CLASSES } from '@tensorflow-models/mobilenet/dist/imagenet_classes.js';
import { describe, expect, it } from 'vitest';
import { IMAGENET_LABELS, imagenetLabel, imagenetShortLabel } from './labels.ts';

describe('ImageNet labels', () => {
  it('has the 1000 classes in checkpoint order', () => {
    expect(IMAGENET_LABELS).toHaveLength(1000);
    expect(imagenetLabel(0)).toBe('tench, Tinca tinca');
    expect(imagenetLabel(281)).toBe('tabby, tabby cat');
    expect(imagenetLabel(999)).toBe('toilet tissue, toilet paper, bathroom tissue');
    expect(new Set(IMAGENET_LABELS).size).toBeGreaterThan(995); // a few WordNet names repeat (crane, maillot)
  });

  it('is the class table of @tensorflow-models/mobilenet, entry by entry (else: node scripts/generate-imagenet-labels.mjs)', () => {
    const table = Array.from({ length: 1000 }, (_, i) => IMAGENET_CLASSES[i]);
    const differing = IMAGENET_LABELS.flatMap((label, i) => (label === table[i] ? [] : [i]));
    expect(differing).toEqual([]);
    expect(Object.keys(IMAGENET_CLASSES)).toHaveLength(1000);
  });

  it('gives the first synonym as the short label', () => {
    expect(imagenetShortLabel(281)).toBe('tabby');
    expect(imagenetShortLabel(2)).toBe('great white shark');
  });

  it('refuses indices outside 0..999', () => {
    expect(() => imagenetLabel(1000)).toThrow(/0\.\.999, got 1000/);
    expect(() => imagenetLabel(-1)).toThrow(RangeError);
    expect(() => imagenetLabel(1.5)).toThrow(RangeError);
  });
});
