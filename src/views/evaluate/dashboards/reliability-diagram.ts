/**
 * The geometry of a reliability diagram, as a pure function (React draws it in ReliabilityDiagram.tsx):
 * one bar per non-empty confidence bin up to its top-1 accuracy, the gap between that and the bin's mean
 * confidence marked on it (Guo et al. 2017, Fig. 1), the diagonal of perfect calibration, and below the
 * plot a strip with each bin's share of the images (a bin of 2 images says little).
 */
import { scaleLinear } from 'd3';
import type { Reliability } from '../../../runtime/evaluation/calibration.ts';

export interface ReliabilityBar {
  bin: number;
  count: number;
  x: number;
  width: number;
  /** Where the bar (accuracy) and the mean confidence of the bin reach, in px. */
  accuracyY: number;
  confidenceY: number;
  /** The bin's share of the images as a bar in the strip under the plot. */
  countY: number;
}

export interface ReliabilityGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** The strip of counts, under the plot. */
  strip: { top: number; bottom: number };
  /** Ticks of both axes (0 %–100 %): `x` along the bottom, `y` up the side. */
  ticks: { value: number; x: number; y: number }[];
  bars: ReliabilityBar[];
}

export const RELIABILITY_MARGIN = { top: 10, right: 12, bottom: 22, left: 44 };
/** Height of the strip of counts and its gap to the plot. */
export const STRIP = { gap: 6, height: 24 };

export function reliabilityDiagram(figures: Reliability, width: number): ReliabilityGeometry {
  const side = width - RELIABILITY_MARGIN.left - RELIABILITY_MARGIN.right;
  const plot = {
    left: RELIABILITY_MARGIN.left,
    top: RELIABILITY_MARGIN.top,
    right: RELIABILITY_MARGIN.left + side,
    bottom: RELIABILITY_MARGIN.top + side,
  };
  const strip = { top: plot.bottom + STRIP.gap, bottom: plot.bottom + STRIP.gap + STRIP.height };
  const x = scaleLinear().domain([0, 1]).range([plot.left, plot.right]);
  const y = scaleLinear().domain([0, 1]).range([plot.bottom, plot.top]);
  const most = Math.max(1, ...figures.bins.map((b) => b.count));
  const ticks = x.ticks(5).map((value) => ({ value, x: round(x(value)), y: round(y(value)) }));
  const bars = figures.bins.flatMap((b, bin): ReliabilityBar[] =>
    b.count === 0
      ? []
      : [
          {
            bin,
            count: b.count,
            x: round(x(b.low) + 0.5),
            width: round(x(b.high) - x(b.low) - 1),
            accuracyY: round(y(b.accuracy)),
            confidenceY: round(y(b.confidence)),
            countY: round(strip.bottom - (STRIP.height * b.count) / most),
          },
        ],
  );
  return { width, height: strip.bottom + RELIABILITY_MARGIN.bottom, plot, strip, ticks, bars };
}

/** Two decimals: enough for a screen, and golden files that do not churn on float noise. */
function round(v: number): number {
  return Math.round(v * 100) / 100;
}
