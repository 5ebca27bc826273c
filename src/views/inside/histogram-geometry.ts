/**
 * The geometry of a node's histogram, as a pure function (d3-scale computes, Histogram.tsx draws it): one
 * bar per equal-width bin, as tall as its count (on a log scale by default: the exact zeros after a ReLU
 * dwarf the rest), the baseline, a line at 0 where the values straddle it, and the range written under it.
 */
import { scaleLinear } from 'd3';
import type { Histogram } from '../../runtime/inside/protocol.ts';
import { value } from '../format.ts';

export interface HistogramSpec {
  histogram: Histogram;
  width: number;
  height: number;
  /** Counts on a log scale: log10(1 + count). */
  log: boolean;
}

export interface HistogramBar {
  bin: number;
  count: number;
  /** The values the bin holds: [from, to). */
  from: number;
  to: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface HistogramLabel {
  x: number;
  y: number;
  text: string;
}

export interface HistogramGeometry {
  width: number;
  height: number;
  log: boolean;
  /** All values counted. */
  total: number;
  bars: HistogramBar[];
  /** The bars' foot, across the plot. */
  baseline: { x1: number; x2: number; y: number };
  /** Where 0 lies, when the range straddles it. */
  zero?: { x: number; y1: number; y2: number };
  /**
   * The range's ends under the axis (`min` starts at its x, `max` ends at its x); the note that counts are on a
   * log scale is centred on `note` (its words are the caller's).
   */
  min: HistogramLabel;
  max: HistogramLabel;
  note?: { x: number; y: number };
}

const MARGIN = { top: 6, right: 8, bottom: 20, left: 8 };
/** Text under the axis: its baseline this far above the bottom edge. */
const TEXT_BASE = 5;

const round = (v: number) => Math.round(v * 100) / 100;

export function histogramGeometry({ histogram, width, height, log }: HistogramSpec): HistogramGeometry {
  const { min, max, counts } = histogram;
  const bins = counts.length;
  const top = Math.max(1, ...counts);
  const share = (c: number) => (log ? Math.log10(1 + c) / Math.log10(1 + top) : c / top);
  const x = scaleLinear()
    .domain([0, bins])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([height - MARGIN.bottom, MARGIN.top]);
  const foot = round(y(0));
  const bars = Array.from(counts, (count, bin): HistogramBar => {
    const tip = round(y(share(count)));
    return {
      bin,
      count,
      from: min + ((max - min) * bin) / bins,
      to: min + ((max - min) * (bin + 1)) / bins,
      x: round(x(bin) + 0.5),
      width: round(Math.max(0.5, x(bin + 1) - x(bin) - 1)),
      y: tip,
      height: round(foot - tip),
    };
  });
  const zero =
    min < 0 && max > 0 ? { x: round(x(((0 - min) / (max - min)) * bins)), y1: MARGIN.top, y2: foot } : undefined;
  const text = height - TEXT_BASE;
  return {
    width,
    height,
    log,
    total: counts.reduce((a, b) => a + b, 0),
    bars,
    baseline: { x1: MARGIN.left, x2: width - MARGIN.right, y: foot },
    ...(zero ? { zero } : {}),
    min: { x: MARGIN.left, y: text, text: value(min) },
    max: { x: width - MARGIN.right, y: text, text: value(max) },
    ...(log ? { note: { x: width / 2, y: text } } : {}),
  };
}
