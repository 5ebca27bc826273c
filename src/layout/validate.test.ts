import { describe, expect, it } from 'vitest';
import { layoutProblems } from './validate.ts';
import type { Box, Layout } from './types.ts';

const box = (address: string, x: number, y: number, extra: Partial<Box> = {}): Box => ({
  address,
  kind: 'layer',
  x,
  y,
  width: 100,
  height: 26,
  label: address,
  marks: {},
  depth: 0,
  ...extra,
});

const layout = (boxes: Box[], edges: Layout['edges'] = []): Layout => ({
  kind: 'block',
  title: 't',
  width: 400,
  height: 400,
  boxes,
  edges,
});

describe('layoutProblems', () => {
  it('accepts separate boxes joined by an edge', () => {
    const ok = layout(
      [box('a', 10, 200), box('b', 10, 100)],
      [
        {
          id: 'a->b',
          from: 'a',
          to: 'b',
          kind: 'flow',
          points: [
            { x: 60, y: 200 },
            { x: 60, y: 126 },
          ],
          label: '8×8',
          labelAt: { x: 65, y: 190 },
        },
      ],
    );
    expect(layoutProblems(ok)).toEqual([]);
  });

  it('reports overlapping boxes, dangling edges, edges through boxes, misplaced labels and boxes outside', () => {
    const bad = layout(
      [box('a', 10, 300), box('b', 60, 310), box('c', 10, 100), box('d', 10, 200), box('e', 390, 10)],
      [
        {
          id: 'a->c',
          from: 'a',
          to: 'c',
          kind: 'flow',
          points: [
            { x: 60, y: 300 },
            { x: 60, y: 126 },
          ],
        },
        {
          id: 'a->x',
          from: 'a',
          to: 'x',
          kind: 'flow',
          points: [
            { x: 60, y: 300 },
            { x: 60, y: 0 },
          ],
        },
        {
          id: 'c->e',
          from: 'c',
          to: 'e',
          kind: 'flow',
          points: [
            { x: 60, y: 100 },
            { x: 60, y: 36 },
          ],
          label: '35×35×384',
          labelAt: { x: 20, y: 120 },
        },
      ],
    );
    const problems = layoutProblems(bad);
    expect(problems).toContain('a overlaps b');
    expect(problems).toContain('edge a->x connects a missing box');
    expect(problems).toContain('edge a->c runs through d');
    expect(problems).toContain('label 35×35×384 (c->e) overlaps c');
    expect(problems).toContain('e lies outside the drawing');
  });

  it("reports an edge across a frame's title", () => {
    const frame = box('f', 0, 0, {
      label: '10 × Inception-ResNet-A',
      width: 300,
      height: 300,
      expanded: true,
      expandable: true,
    });
    const inner = box('in', 100, 200);
    const above = box('up', 20, 0);
    const crossing = layout(
      [frame, inner, { ...above, y: -100 }].map((b) => ({ ...b, y: b.y + 150 })),
      [
        {
          id: 'in->up',
          from: 'in',
          to: 'up',
          kind: 'flow',
          points: [
            { x: 30, y: 350 },
            { x: 30, y: 76 },
          ],
        },
      ],
    );
    expect(layoutProblems({ ...crossing, height: 500 })).toContain('edge in->up crosses the title of f');
  });

  it('lets a frame contain boxes but not cut through them', () => {
    const frame = box('f', 0, 0, { width: 200, height: 200, expanded: true, expandable: true });
    expect(layoutProblems(layout([frame, box('in', 20, 40)]))).toEqual([]);
    expect(layoutProblems(layout([frame, box('across', 150, 40)]))).toContain('frame f cuts through across');
  });

  it('reports edges crossing each other, also into the same merge, but not edges sharing a trunk', () => {
    const concat = box('m', 10, 20, { kind: 'concat', width: 300 });
    const crossing = layout(
      [concat, box('a', 10, 200), box('b', 150, 200), box('c', 250, 120)],
      [
        {
          id: 'a->m',
          from: 'a',
          to: 'm',
          kind: 'flow',
          points: [
            { x: 60, y: 200 },
            { x: 60, y: 46 },
          ],
        },
        {
          id: 'b->m',
          from: 'b',
          to: 'm',
          kind: 'flow',
          points: [
            { x: 200, y: 200 },
            { x: 200, y: 46 },
          ],
        },
        // Turns left across b->m on its way into the merge.
        {
          id: 'c->m',
          from: 'c',
          to: 'm',
          kind: 'flow',
          points: [
            { x: 300, y: 120 },
            { x: 300, y: 60 },
            { x: 150, y: 60 },
            { x: 150, y: 46 },
          ],
        },
      ],
    );
    expect(layoutProblems(crossing)).toContain('edge b->m crosses edge c->m');
    expect(layoutProblems(crossing)).not.toContain('edge a->m crosses edge b->m');
    const fanOut = layout(
      [box('s', 100, 300), box('l', 10, 150), box('r', 200, 150)],
      [
        {
          id: 's->l',
          from: 's',
          to: 'l',
          kind: 'flow',
          points: [
            { x: 150, y: 300 },
            { x: 150, y: 190 },
            { x: 60, y: 190 },
            { x: 60, y: 176 },
          ],
        },
        {
          id: 's->r',
          from: 's',
          to: 'r',
          kind: 'flow',
          points: [
            { x: 150, y: 300 },
            { x: 150, y: 190 },
            { x: 250, y: 190 },
            { x: 250, y: 176 },
          ],
        },
      ],
    );
    expect(layoutProblems(fanOut)).toEqual([]);
  });

  it('reports a Filter concat narrower than the boxes feeding it', () => {
    const narrow = layout(
      [box('m', 10, 20, { kind: 'concat', width: 150 }), box('a', 10, 200), box('b', 150, 200)],
      [
        {
          id: 'a->m',
          from: 'a',
          to: 'm',
          kind: 'flow',
          points: [
            { x: 60, y: 200 },
            { x: 60, y: 46 },
          ],
        },
        {
          id: 'b->m',
          from: 'b',
          to: 'm',
          kind: 'flow',
          points: [
            { x: 200, y: 200 },
            { x: 200, y: 100 },
            { x: 100, y: 100 },
            { x: 100, y: 46 },
          ],
        },
      ],
    );
    expect(layoutProblems(narrow)).toEqual(['m is narrower than its input b']);
  });

  it('reports a shape label on the header of an opened block, even right of its title', () => {
    const frame = box('f', 10, 100, { label: 'Stem', width: 300, height: 200, expanded: true, expandable: true });
    const inside = layout(
      [frame, box('top', 40, 130), box('next', 40, 20)],
      [
        {
          id: 'top->next',
          from: 'top',
          to: 'next',
          kind: 'flow',
          points: [
            { x: 90, y: 130 },
            { x: 90, y: 46 },
          ],
          label: '35×35×384',
          labelAt: { x: 95, y: 115 },
        },
      ],
    );
    expect(layoutProblems(inside)).toEqual(['label 35×35×384 (top->next) sits on the header of f']);
  });
});
