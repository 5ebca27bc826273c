/**
 * The geometry of the feature map (FeatureMap.tsx draws it), as a pure function: one mark per image at its
 * place on the first two principal components, the same scale along both axes (distances on the map are
 * distances in the plane of the components), a colour and a shape per true class, misclassified images
 * marked. Ten colours, then the same ten as squares: twenty classes tell apart; more are named on hover.
 */
import { scaleLinear } from 'd3';
import type { FeaturePoint } from '../../../runtime/evaluation/feature-map.ts';

/** Colours in the palette (feature-map.css, light and dark). */
export const MAP_COLOURS = 10;
/** Classes a legend can tell apart (each colour as a circle, then as a square). */
export const LEGEND_CLASSES = 2 * MAP_COLOURS;

export interface MapMark {
  index: number;
  /** Position in px. */
  x: number;
  y: number;
  colour: number;
  shape: 'circle' | 'square';
  /** The mode's top-1 was another class. */
  wrong: boolean;
  point: FeaturePoint;
}

export interface MapClass {
  label: number;
  colour: number;
  shape: MapMark['shape'];
  images: number;
}

export interface FeatureMapGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** Where the axes cross (the mean of the features), in px. */
  origin: { x: number; y: number };
  marks: MapMark[];
  /** The true classes, by class index, with their colour and shape. */
  classes: MapClass[];
}

const MARGIN = { left: 28, top: 12, right: 12, bottom: 28 };

export function featureMapGeometry(points: readonly FeaturePoint[], width: number, height: number): FeatureMapGeometry {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: width - MARGIN.right, bottom: height - MARGIN.bottom };
  const labels = [...new Set(points.map((p) => p.label))].sort((a, b) => a - b);
  const classes: MapClass[] = labels.map((label, i) => ({
    label,
    colour: i % MAP_COLOURS,
    shape: i < MAP_COLOURS || labels.length > LEGEND_CLASSES ? 'circle' : 'square',
    images: 0,
  }));
  const byLabel = new Map(classes.map((c) => [c.label, c]));
  // One scale for both axes: the larger extent (with the origin inside) fills its side, padded by 6 %.
  const extent = (values: number[]) => [Math.min(0, ...values), Math.max(0, ...values)] as const;
  const [x0, x1] = extent(points.map((p) => p.x));
  const [y0, y1] = extent(points.map((p) => p.y));
  const plotWidth = plot.right - plot.left;
  const plotHeight = plot.bottom - plot.top;
  const unitsPerPx = Math.max((x1 - x0) / plotWidth, (y1 - y0) / plotHeight, Number.MIN_VALUE) * 1.06;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const sx = scaleLinear()
    .domain([cx - (plotWidth / 2) * unitsPerPx, cx + (plotWidth / 2) * unitsPerPx])
    .range([plot.left, plot.right]);
  const sy = scaleLinear()
    .domain([cy - (plotHeight / 2) * unitsPerPx, cy + (plotHeight / 2) * unitsPerPx])
    .range([plot.bottom, plot.top]);
  const round = (v: number) => Math.round(v * 10) / 10;
  const marks = points.map((point) => {
    const c = byLabel.get(point.label)!;
    c.images++;
    return {
      index: point.index,
      x: round(sx(point.x)),
      y: round(sy(point.y)),
      colour: c.colour,
      shape: c.shape,
      wrong: point.predicted !== point.label,
      point,
    };
  });
  return { width, height, plot, origin: { x: round(sx(0)), y: round(sy(0)) }, marks, classes };
}
