import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { NETWORKS } from '../model/networks/index.ts';
import { layoutBlock } from './block.ts';
import { expandAll, layoutNetwork } from './network.ts';
import { labelCenterX, THUMBNAIL_INSET, thumbnailRect, thumbnailRects } from './thumbnails.ts';
import { layoutProblems } from './validate.ts';

const released = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
const v4 = analyzeNetwork(NETWORKS['inception-v4'].released!);

describe('room for thumbnails', () => {
  it('reserves a square on boxes with a grid output, and only when asked', () => {
    const plain = layoutBlock(released, 'inception-resnet-b/0');
    const photo = layoutBlock(released, 'inception-resnet-b/0', { thumbnail: 30 });
    expect(plain.boxes.every((b) => b.thumbnail === undefined)).toBe(true);
    const withRoom = photo.boxes.filter((b) => b.thumbnail === 30).map((b) => b.address);
    // The input bar, the four convolutions, the concat bar, the Linear projection and the activation; not the "+".
    expect(withRoom).toEqual(
      expect.arrayContaining([
        'inception-resnet-b/0#input',
        'inception-resnet-b/0/0/0/0',
        'inception-resnet-b/0/0/0/1/0',
        'inception-resnet-b/0/0/0/1/1',
        'inception-resnet-b/0/0/0/1/2',
        'inception-resnet-b/0/0/0#concat',
        'inception-resnet-b/0/0/1',
        'inception-resnet-b/0#relu',
      ]),
    );
    expect(withRoom).toHaveLength(8);
    for (const b of photo.boxes.filter((x) => x.thumbnail)) {
      const plainBox = plain.boxes.find((x) => x.address === b.address)!;
      expect(b.width).toBeGreaterThanOrEqual(plainBox.width + 30 + THUMBNAIL_INSET - 0.1);
      expect(b.height).toBeGreaterThanOrEqual(30 + 2 * THUMBNAIL_INSET);
      const rect = thumbnailRect(b)!;
      expect(rect.x).toBeGreaterThan(b.x);
      expect(rect.y + rect.size).toBeLessThanOrEqual(b.y + b.height);
      expect(labelCenterX(b)).toBeGreaterThan(rect.x + rect.size);
    }
  });

  it('keeps every layout valid: block figures, the schemas and the fully expanded networks', () => {
    for (const analysis of [released, v4]) {
      for (const stage of analysis.stages) {
        expect(layoutProblems(layoutBlock(analysis, stage.address, { thumbnail: 30 })), stage.address).toEqual([]);
      }
      expect(layoutProblems(layoutNetwork(analysis, new Set(), { thumbnail: 30 }))).toEqual([]);
      expect(layoutProblems(layoutNetwork(analysis, expandAll(analysis), { thumbnail: 30 }))).toEqual([]);
    }
  });

  it('a rolled-up repeat carries one thumbnail, an opened one a thumbnail per repetition', () => {
    const rolled = layoutNetwork(released, new Set(), { thumbnail: 30 });
    expect(rolled.boxes.find((b) => b.address === 'inception-resnet-b')?.thumbnail).toBe(30);
    const opened = layoutNetwork(released, new Set(['inception-resnet-b']), { thumbnail: 30 });
    expect(opened.boxes.find((b) => b.address === 'inception-resnet-b')?.thumbnail).toBeUndefined();
    expect(opened.boxes.filter((b) => /^inception-resnet-b\/\d+$/.test(b.address) && b.thumbnail)).toHaveLength(20);
  });

  it('two photos: two squares side by side on the same boxes, the label centred in what they leave, layouts valid', () => {
    const plain = layoutBlock(released, 'inception-resnet-b/0');
    const one = layoutBlock(released, 'inception-resnet-b/0', { thumbnail: 30 });
    const two = layoutBlock(released, 'inception-resnet-b/0', { thumbnail: 30, thumbnails: 2 });
    expect(two.boxes.filter((b) => b.thumbnail).map((b) => b.address)).toEqual(
      one.boxes.filter((b) => b.thumbnail).map((b) => b.address),
    );
    expect(one.boxes.every((b) => b.thumbnails === undefined && thumbnailRects(b).length <= 1)).toBe(true);
    for (const b of two.boxes.filter((x) => x.thumbnail)) {
      const plainBox = plain.boxes.find((x) => x.address === b.address)!;
      expect(b.width).toBeGreaterThanOrEqual(plainBox.width + 2 * (30 + THUMBNAIL_INSET) - 0.1);
      const [left, right] = thumbnailRects(b);
      expect(thumbnailRects(b)).toHaveLength(2);
      expect(thumbnailRect(b)).toEqual(left);
      expect(right.x).toBe(left.x + 30 + THUMBNAIL_INSET);
      expect(right.y).toBe(left.y);
      expect(right.x + right.size).toBeLessThan(b.x + b.width);
      expect(labelCenterX(b)).toBeCloseTo((right.x + right.size + b.x + b.width) / 2, 6);
    }
    for (const analysis of [released, v4]) {
      expect(layoutProblems(layoutNetwork(analysis, expandAll(analysis), { thumbnail: 30, thumbnails: 2 }))).toEqual(
        [],
      );
      for (const stage of analysis.stages) {
        expect(
          layoutProblems(layoutBlock(analysis, stage.address, { thumbnail: 30, thumbnails: 2 })),
          stage.address,
        ).toEqual([]);
      }
    }
  });
});
