import { describe, expect, it } from 'vitest';
import { confusion, MATRIX_CLASSES } from './confusion.ts';
import { evaluatedImages } from './image-list.ts';
import type { ImageRecord } from './records.ts';

const KEY = 'inception-v4/1';
let next = 0;
/** An image of class `label` whose top-1 in KEY is `predicted`, with top-1 probability `p1`. */
const image = (label: number, predicted: number, p1 = 0.5): ImageRecord => {
  const index = next++;
  return {
    index,
    path: `img-${index}.jpg`,
    label,
    predictions: { [KEY]: { top5: [predicted, 998, 997, 996, 995], p1 } },
  };
};

describe('confusion among the classes present', () => {
  it('counts a matrix over the classes present, with predictions of other classes apart (worked by hand)', () => {
    next = 0;
    // Class 7: 2 right, 1 taken for 3, 1 for 500 (not present). Class 3: 1 right, 2 taken for 7. Class 9: 1 taken for
    // 3.
    const records = [
      image(7, 7),
      image(7, 7),
      image(7, 3),
      image(7, 500),
      image(3, 3),
      image(3, 7),
      image(3, 7),
      image(9, 3),
      { index: 99, path: 'broken.jpg', label: 9, error: 'unreadable' },
    ];
    const c = confusion(records, KEY);
    expect(c.images).toBe(8);
    expect(c.classes).toEqual([3, 7, 9]);
    // Rows: true 3, 7, 9; columns: taken for 3, 7, 9.
    expect(c.matrix).toEqual([
      [1, 2, 0],
      [1, 2, 0],
      [1, 0, 0],
    ]);
    expect(c.elsewhere).toEqual([0, 1, 0]);
    expect(c.top).toEqual([
      { label: 3, predicted: 7, count: 2 },
      { label: 7, predicted: 3, count: 1 },
      { label: 7, predicted: 500, count: 1 },
      { label: 9, predicted: 3, count: 1 },
    ]);
    expect(confusion(records, KEY, 2).top).toHaveLength(2);
  });

  it('gives only the top confusions beyond 50 classes', () => {
    next = 0;
    const records = Array.from({ length: MATRIX_CLASSES + 1 }, (_, c) => image(c, c === 10 ? 11 : c));
    records.push(image(10, 11), image(20, 21));
    const c = confusion(records, KEY);
    expect(c.classes).toHaveLength(51);
    expect(c.matrix).toBeUndefined();
    expect(c.elsewhere).toBeUndefined();
    expect(c.top).toEqual([
      { label: 10, predicted: 11, count: 2 },
      { label: 20, predicted: 21, count: 1 },
    ]);
    // Exactly 50 classes still make a matrix.
    expect(
      confusion(
        records.filter((r) => r.label < MATRIX_CLASSES),
        KEY,
      ).matrix,
    ).toHaveLength(50);
  });

  it('is empty for a mode the records do not have', () => {
    next = 0;
    expect(confusion([image(1, 1)], 'ensemble/1')).toEqual({
      images: 0,
      classes: [],
      top: [],
      matrix: [],
      elsewhere: [],
    });
  });
});

describe('the list of evaluated images', () => {
  it('puts misclassified images first, the most confident mistake at the top, then right ones least confident first', () => {
    next = 0;
    const records = [
      image(1, 1, 0.9),
      image(1, 2, 0.4),
      image(1, 1, 0.3),
      image(2, 1, 0.8),
      image(2, 1, 0.8),
      { index: 50, path: 'broken.jpg', label: 1, error: 'unreadable' },
    ];
    const list = evaluatedImages(records, KEY);
    expect(list.map((i) => i.index)).toEqual([3, 4, 1, 2, 0]);
    expect(list[0]).toEqual({ index: 3, path: 'img-3.jpg', label: 2, predicted: 1, p1: 0.8, correct: false });
    expect(list.at(-1)).toMatchObject({ index: 0, correct: true, p1: 0.9 });
  });
});
