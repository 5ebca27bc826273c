import { describe, expect, it } from 'vitest';
import { layoutBlock, layoutNetwork } from '../../layout/index.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { indexBoxes } from './marks.ts';
import { analysisOf } from './resolve.ts';
import { diffState, networkDiff } from './useDiff.ts';

const released = NETWORKS['inception-resnet-v2'].released!;
const paper = NETWORKS['inception-resnet-v2'].paper!;

describe('diffState', () => {
  it('marks the released stem changed and Mixed_5b added on the schema, with the readable list', () => {
    const state = diffState(released, indexBoxes(layoutNetwork(analysisOf(released))))!;
    expect(state.boxes.get('stem')).toBe('changed');
    expect(state.boxes.get('mixed-5b')).toBe('added');
    expect(state.boxes.get('inception-resnet-b')).toBe('changed');
    expect(
      state.list.some(
        (d) => d.mark === 'changed' && d.text.includes('Inception-ResNet-B: 10 repetitions in the paper, 20 released'),
      ),
    ).toBe(true);
    expect(state.notes.get('mixed-5b')).toContain('is not in the paper');
  });

  it("shows the paper side: Inception-ResNet-B's Linear projection changed, and limits the list to the block", () => {
    const analysis = analysisOf(paper);
    const state = diffState(paper, indexBoxes(layoutBlock(analysis, 'inception-resnet-b')), 'inception-resnet-b')!;
    expect(state.boxes.get('inception-resnet-b/0/0/1')).toBe('changed');
    expect(state.list.length).toBeGreaterThan(0);
    expect(state.list.every((d) => d.text.startsWith('Inception-ResNet-B'))).toBe(true);
    expect(state.list.some((d) => d.text.includes('1154') && d.text.includes('1088'))).toBe(true);
  });

  it('has nothing to compare for a network with one variant', () => {
    expect(networkDiff('inception-resnet-v1')).toBeUndefined();
    const v1 = NETWORKS['inception-resnet-v1'].paper!;
    expect(diffState(v1, indexBoxes(layoutNetwork(analysisOf(v1))))).toBeUndefined();
  });
});

describe('diffState of a small network', () => {
  it('compares it with its base, names the comparison, and marks its side', () => {
    const small = NETWORKS['inception-v4-s'].released!;
    const state = diffState(small, indexBoxes(layoutNetwork(analysisOf(small))))!;
    expect(state.label).toBe('vs Inception-v4');
    expect([...state.boxes.keys()]).toEqual(['stem', 'inception-a', 'inception-b', 'inception-c', 'head/2']);
    expect(state.list.map((d) => d.text.split(':')[0])).toEqual([
      'Input',
      'Width ×0.25',
      'Stem',
      'Inception-A',
      'Inception-B',
      'Inception-C',
      'Classifier',
    ]);
    expect(state.list.find((d) => d.text.startsWith('Inception-B'))?.address).toBe('inception-b');
    expect(diffState(small, indexBoxes(layoutNetwork(analysisOf(small))), undefined, 'zh')?.label).toBe(
      '与 Inception-v4 对比',
    );
  });

  it('keeps "Paper vs released" for the paper\'s networks', () => {
    expect(diffState(released, indexBoxes(layoutNetwork(analysisOf(released))))?.label).toBe('Paper vs released');
  });
});
