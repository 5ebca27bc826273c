import { describe, expect, it } from 'vitest';
import { avgPool, conv, dense, globalAvgPool, linearConv, maxPool } from '../builders.ts';
import { layerCost, windowExtent } from './layer-shape.ts';

describe('windowExtent', () => {
  it('follows TF SAME and VALID arithmetic', () => {
    expect(windowExtent(299, 3, 2, 'valid')).toBe(149);
    expect(windowExtent(149, 3, 1, 'valid')).toBe(147);
    expect(windowExtent(147, 3, 1, 'same')).toBe(147);
    expect(windowExtent(35, 3, 2, 'valid')).toBe(17);
    expect(windowExtent(17, 3, 2, 'valid')).toBe(8);
    expect(windowExtent(17, 7, 1, 'same')).toBe(17);
    expect(windowExtent(17, 3, 2, 'same')).toBe(9);
  });
});

describe('layerCost', () => {
  it('counts a batch-normalised conv as PyTorch does (weights + gamma + beta) and its multiply-adds', () => {
    const cost = layerCost(conv('1x7', 160), [17, 17, 128]);
    expect(cost.output).toEqual([17, 17, 160]);
    expect(cost.params).toBe(1 * 7 * 128 * 160 + 2 * 160);
    expect(cost.macs).toBe(17 * 17 * 160 * 7 * 128);
    expect(cost.problem).toBeUndefined();
  });

  it('counts the bias of a linear projection', () => {
    const cost = layerCost(linearConv(1088), [17, 17, 384]);
    expect(cost.params).toBe(384 * 1088 + 1088);
    expect(cost.macs).toBe(17 * 17 * 384 * 1088);
  });

  it('keeps channels through pools and reduces the grid', () => {
    expect(layerCost(maxPool(), [147, 147, 64]).output).toEqual([73, 73, 64]);
    expect(layerCost(avgPool(), [35, 35, 384]).output).toEqual([35, 35, 384]);
    expect(layerCost(globalAvgPool(), [8, 8, 1536]).output).toEqual([1536]);
  });

  it('counts the classifier', () => {
    const cost = layerCost(dense(1000), [1536]);
    expect(cost).toEqual({ output: [1000], params: 1536 * 1000 + 1000, macs: 1536 * 1000 });
  });

  it('reports a window that does not fit instead of throwing', () => {
    const cost = layerCost(conv('3x3', 8, { padding: 'valid' }), [2, 2, 4]);
    expect(cost.problem).toMatch(/3×3 window does not fit the 2×2 input/);
  });

  it('reports a classifier applied to a grid', () => {
    expect(layerCost(dense(10), [8, 8, 16]).problem).toMatch(/expects a feature vector but receives 8×8×16/);
  });
});
