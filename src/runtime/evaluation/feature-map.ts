/**
 * The evaluation's feature map: each evaluated image placed by the first two principal components of its
 * pooled features (global average pooling's 1536 values, the first network's centre crop), with its true
 * class and whether the run's mode got it right. Shared by the evaluate page and `evaluate --json
 * --features-map`. Features are kept for the first FEATURE_MAP_LIMIT images of a set only (6 kB each).
 */
import { modeNetworks, type PredictionMode } from './mode.ts';
import { pca2d } from './pca.ts';
import type { ImageRecord } from './records.ts';
import type { ClassifiableNetwork } from '../../model/types.ts';

/** Images (by their index in the set) whose features are kept: 5,000 × 6 kB = 30 MB at most. */
export const FEATURE_MAP_LIMIT = 5000;

/** Whether the image at `index` of a set has its features kept. */
export const keepsFeatures = (index: number) => index < FEATURE_MAP_LIMIT;

/** The network whose features are mapped: the mode's first (Inception-v4 for the ensemble). */
export const featureNetwork = (mode: PredictionMode): ClassifiableNetwork => modeNetworks(mode.model)[0];

export interface FeaturePoint {
  index: number;
  path: string;
  /** The true class. */
  label: number;
  /** The mode's top-1 class. */
  predicted: number;
  x: number;
  y: number;
}

export interface FeatureMap {
  points: FeaturePoint[];
  /** The fraction of the features' variance along each axis. */
  explained: [number, number];
}

/**
 * The map of the images that have both predictions in mode `key` and features, in the set's order
 * (skipped images, and those past the limit, have no point).
 */
export function featureMap(
  records: Iterable<ImageRecord>,
  features: ReadonlyMap<number, ArrayLike<number>>,
  key: string,
): FeatureMap {
  const mapped = [...records]
    .filter((r) => r.predictions?.[key] && features.has(r.index))
    .sort((a, b) => a.index - b.index);
  const projection = pca2d(mapped.map((r) => features.get(r.index)!));
  const points = mapped.map((r, i) => ({
    index: r.index,
    path: r.path,
    label: r.label,
    predicted: r.predictions![key].top5[0],
    x: projection.coordinates[2 * i],
    y: projection.coordinates[2 * i + 1],
  }));
  return { points, explained: projection.explained };
}
