/**
 * The geometry of the residual lab's logit scatter, as a pure function (d3-scale computes, LogitScatter.tsx
 * draws it): each class's logit with the changed scales (up) against its logit with the released scales
 * (across), one nice scale for both axes so that the diagonal is "no change", about four ticks on each.
 */
import { scaleLinear } from 'd3';
import { value } from '../format.ts';

export interface LogitScatterSpec {
  released: Float32Array;
  current: Float32Array;
  /** The chart is a square of this side. */
  size: number;
}

export interface LogitScatterGeometry {
  size: number;
  /** The plot's edges. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** The logits both axes span (the values' range, made nice). */
  domain: [number, number];
  /** A tick's value, its place along either axis, and its text. */
  ticks: Array<{ value: number; x: number; y: number; text: string }>;
  /** From the domain's low corner to its high one. */
  diagonal: { x1: number; y1: number; x2: number; y2: number };
  /** One per class, in class order. */
  points: Array<{ x: number; y: number }>;
  /** Where the axes' names go: under the plot, and rotated up its left side. */
  xTitle: { x: number; y: number };
  yTitle: { x: number; y: number };
}

/** Room for the tick labels (left, under); the other two sides are narrow. */
const AXIS = 40;
const EDGE = 8;

const round = (v: number) => Math.round(v * 100) / 100;

export function logitScatterGeometry({ released, current, size }: LogitScatterSpec): LogitScatterGeometry {
  if (released.length !== current.length) {
    throw new Error(
      `the logit scatter needs one logit per class in both runs, got ${released.length} released ` +
        `and ${current.length} current; compare runs of the same network`,
    );
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < released.length; i++) {
    lo = Math.min(lo, released[i], current[i]);
    hi = Math.max(hi, released[i], current[i]);
  }
  const s = scaleLinear()
    .domain(released.length > 0 ? [lo, hi] : [0, 1])
    .nice(4);
  const [left, right, top, bottom] = [AXIS, size - EDGE, EDGE, size - AXIS];
  const x = s.copy().range([left, right]);
  const y = s.copy().range([bottom, top]);
  const [d0, d1] = s.domain();
  return {
    size,
    left,
    right,
    top,
    bottom,
    domain: [d0, d1],
    ticks: s.ticks(4).map((t) => ({ value: t, x: round(x(t)), y: round(y(t)), text: value(t) })),
    diagonal: { x1: round(x(d0)), y1: round(y(d0)), x2: round(x(d1)), y2: round(y(d1)) },
    points: Array.from(released, (r, i) => ({ x: round(x(r)), y: round(y(current[i])) })),
    xTitle: { x: (size + AXIS) / 2, y: size - 6 },
    yTitle: { x: 10, y: (size - AXIS) / 2 },
  };
}
