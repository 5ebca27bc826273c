import { describe, expect, it } from 'vitest';
import type { Box, Layout } from '../../layout/types.ts';
import {
  highlightBoxes,
  indexBoxes,
  markBoxes,
  parentAddress,
  problemBoxes,
  revealIn,
  visibleBoxFor,
} from './marks.ts';

function box(address: string, extra: Partial<Box> = {}): Box {
  const hash = address.indexOf('#');
  return {
    address,
    node: hash < 0 ? address : address.slice(0, hash),
    kind: 'layer',
    x: 0,
    y: 0,
    width: 10,
    height: 10,
    label: address,
    marks: {},
    depth: 0,
    ...extra,
  };
}

/** A schema: the stem rolled up, Inception-ResNet-B opened with repetition 0 opened and 1 rolled up. */
const schema: Layout = {
  kind: 'network',
  title: 'test',
  width: 100,
  height: 100,
  edges: [],
  boxes: [
    box('network#input', { kind: 'input', node: undefined }),
    box('stem', { kind: 'block', expandable: true }),
    box('b', { kind: 'repeat', expandable: true, expanded: true }),
    box('b/0', { kind: 'block', expandable: true, expanded: true }),
    box('b/0/0/0/0'),
    box('b/0/0/0#concat', { kind: 'concat' }),
    box('b/0#add', { kind: 'add' }),
    box('b/1', { kind: 'block', expandable: true }),
  ],
};

describe('visibleBoxFor', () => {
  const index = indexBoxes(schema);
  it("finds a node's own box, a stand-in, or the rolled-up box around it", () => {
    expect(visibleBoxFor(index, 'b/0/0/0/0')?.address).toBe('b/0/0/0/0');
    expect(visibleBoxFor(index, 'b/0/0/0')?.address).toBe('b/0/0/0#concat');
    expect(visibleBoxFor(index, 'b/1/0/0/1/2')?.address).toBe('b/1');
    expect(visibleBoxFor(index, 'stem/3/1')?.address).toBe('stem');
    // The residual's own box (its frame) wins over its "+".
    expect(visibleBoxFor(index, 'b/0')?.address).toBe('b/0');
  });

  it('shows nothing for a node without a box inside an opened frame, or outside the layout', () => {
    expect(visibleBoxFor(index, 'b/0/0')).toBeUndefined();
    expect(visibleBoxFor(index, 'head/2')).toBeUndefined();
  });

  it('walks parents', () => {
    expect(parentAddress('b/0/1')).toBe('b/0');
    expect(parentAddress('stem')).toBeUndefined();
  });
});

describe('marks on boxes', () => {
  const index = indexBoxes(schema);
  it('highlights the boxes showing the matches, once each', () => {
    expect([...highlightBoxes(index, ['b/0/0/0/0', 'b/1/0/0/0', 'b/1/0/0/1/1', 'b/0/0'])]).toEqual([
      'b/0/0/0/0',
      'b/1',
    ]);
  });

  it('gathers distinct problem messages per box', () => {
    const problems = problemBoxes(index, [
      { address: 'b/1', message: 'widths differ (1152 vs 1154)' },
      { address: 'b/1/0', message: 'widths differ (1152 vs 1154)' },
      { address: 'b/1/0/1', message: 'other' },
      { address: 'b/0/0/0/0', message: 'grid' },
    ]);
    expect(Object.fromEntries(problems)).toEqual({ 'b/1': 'widths differ (1152 vs 1154)\nother', 'b/0/0/0/0': 'grid' });
  });

  it('marks a rolled-up box "changed" when something inside it differs, unless it has a mark of its own', () => {
    const marks = new Map([
      ['stem/2', 'added'],
      ['b/1/0/0/1', 'removed'],
      ['b/1', 'added'],
      ['b/0/0/0/0', 'changed'],
    ] as const);
    expect(Object.fromEntries(markBoxes(index, marks, 'changed'))).toEqual({
      stem: 'changed',
      'b/1': 'added',
      'b/0/0/0/0': 'changed',
    });
  });
});

describe('revealIn', () => {
  it('opens rolled-up ancestors until the node has its own box', () => {
    // A fake layout function: a repeat "r" whose repetitions "r/i" contain layers "r/i/0".
    const layoutWith = (opened: ReadonlySet<string>): Layout => {
      const boxes: Box[] = [box('r', { kind: 'repeat', expandable: true, expanded: opened.has('r') })];
      if (opened.has('r')) {
        for (const i of [0, 1]) {
          boxes.push(box(`r/${i}`, { kind: 'block', expandable: true, expanded: opened.has(`r/${i}`) }));
          if (opened.has(`r/${i}`)) boxes.push(box(`r/${i}/0`));
        }
      }
      return { kind: 'network', title: 't', width: 1, height: 1, boxes, edges: [] };
    };
    expect([...revealIn(new Set(), 'r/1/0', layoutWith)].sort()).toEqual(['r', 'r/1']);
    expect([...revealIn(new Set(['x']), 'elsewhere', layoutWith)]).toEqual(['x']);
  });
});
