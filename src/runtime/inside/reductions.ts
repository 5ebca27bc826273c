/**
 * Reductions of one node's output, computed where the tensor is (as an executor tap) and packed into one
 * flat float32 tensor, so that a request downloads a few kilobytes however large the outputs are:
 * statistics (incl. the fraction of exact zeros), a histogram, the channel-mean map average-pooled to at
 * most THUMBNAIL_MAX per side, per-channel mean / max / zeros, and the top channels' maps.
 *
 * Outputs are a single image: [1, h, w, c] grids, or [1, c] vectors after global pooling. On WASM and CPU
 * the tap reads the output once and reduces it in JavaScript (host-reductions.ts: about three times
 * faster there); on GPU backends it reduces with tfjs ops and nothing large leaves the device.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tap } from '../executor/run-options.ts';
import { hostDepth, hostDetail, hostSummary } from './host-reductions.ts';
import {
  DETAIL_BINS,
  SUMMARY_BINS,
  THUMBNAIL_MAX,
  type ActivationStats,
  type ChannelOrder,
  type FeatureMap,
  type Histogram,
} from './protocol.ts';

/** Where a reduction runs: "auto" reduces in JavaScript on backends that keep tensors in the worker's memory. */
export type ReduceWhere = 'auto' | 'host' | 'device';

export function onHost(where: ReduceWhere): boolean {
  return where === 'host' || (where === 'auto' && ['wasm', 'cpu'].includes(tf.getBackend()));
}

/** The output's values, read synchronously (cheap where the backend keeps them in the worker's memory). */
function values(y: tf.Tensor): Float32Array {
  return y.dataSync() as Float32Array;
}

/** A tap, the number of float32 values it produces, and how to read them back. */
export interface Reduction<T> {
  tap: Tap;
  size: number;
  read(values: Float32Array): T;
}

export interface SummaryValues {
  stats: ActivationStats;
  thumbnail?: FeatureMap;
  histogram: Histogram;
}

export interface DetailValues extends SummaryValues {
  channels: { mean: Float32Array; max: Float32Array; zeroFraction: Float32Array };
  maps: FeatureMap[];
}

/**
 * Statistics, a thumbnail (channel mean, or one channel) and a SUMMARY_BINS histogram of an output of `shape` ([h, w,
 * c] or [c]).
 */
export function summaryReduction(
  shape: readonly number[],
  options: { channel?: number; where?: ReduceWhere } = {},
): Reduction<SummaryValues> {
  const grid = gridOf(shape);
  const thumb = grid && thumbnailSize(grid.h, grid.w);
  const layout = new Layout([
    ['stats', 5],
    ['histogram', SUMMARY_BINS],
    ['thumbnail', thumb ? thumb.h * thumb.w : 0],
  ]);
  return {
    size: layout.size,
    tap: (y) => {
      if (thumb) checkChannel(y as tf.Tensor4D, options.channel);
      if (onHost(options.where ?? 'auto'))
        return tf.tensor1d(hostSummary(values(y), shape, SUMMARY_BINS, thumb?.factor, options.channel));
      const stats = statistics(y);
      const parts = [stats.packed, histogram(y, stats.min, stats.max, SUMMARY_BINS)];
      if (thumb) parts.push(thumbnail(y as tf.Tensor4D, options.channel));
      return pack(parts);
    },
    read: (values) => {
      const v = layout.split(values);
      return {
        stats: readStats(v.stats, count(shape)),
        histogram: readHistogram(v.histogram, v.stats),
        ...(thumb
          ? {
              thumbnail: {
                width: thumb.w,
                height: thumb.h,
                data: v.thumbnail,
                ...(options.channel !== undefined ? { channel: options.channel } : {}),
              },
            }
          : {}),
      };
    },
  };
}

/**
 * Everything the inspector shows: statistics, a DETAIL_BINS histogram, the channel-mean thumbnail, every
 * channel's mean / max / fraction of zeros, and the `count` top channels in `order` at full resolution.
 */
export function detailReduction(
  shape: readonly number[],
  options: { order: ChannelOrder; count: number; where?: ReduceWhere },
): Reduction<DetailValues> {
  const grid = gridOf(shape);
  const c = shape[shape.length - 1];
  const thumb = grid && thumbnailSize(grid.h, grid.w);
  const k = grid ? Math.max(0, Math.min(Math.floor(options.count), c)) : 0;
  const cells = grid ? grid.h * grid.w : 0;
  const layout = new Layout([
    ['stats', 5],
    ['histogram', DETAIL_BINS],
    ['thumbnail', thumb ? thumb.h * thumb.w : 0],
    ['mean', c],
    ['max', c],
    ['zeros', c],
    ['top', k],
    ['maps', k * cells],
  ]);
  return {
    size: layout.size,
    tap: (y) => {
      if (onHost(options.where ?? 'auto'))
        return tf.tensor1d(hostDetail(values(y), shape, DETAIL_BINS, thumb?.factor, options.order, k));
      const stats = statistics(y);
      const perChannel = channelStats(y);
      const parts = [stats.packed, histogram(y, stats.min, stats.max, DETAIL_BINS)];
      if (thumb) parts.push(thumbnail(y as tf.Tensor4D));
      parts.push(perChannel.mean, perChannel.max, perChannel.zeros);
      if (k > 0) {
        const key =
          options.order === 'mean' ? perChannel.mean : options.order === 'max' ? perChannel.max : perChannel.zeros;
        const top = tf.topk(key, k).indices;
        // [1, h, w, k] → [k, h, w]: one row-major map per channel.
        parts.push(top, tf.transpose(tf.gather(y, top, 3), [3, 0, 1, 2]));
      }
      return pack(parts);
    },
    read: (values) => {
      const v = layout.split(values);
      const top = Array.from(v.top, Math.round);
      return {
        stats: readStats(v.stats, count(shape)),
        histogram: readHistogram(v.histogram, v.stats),
        ...(thumb ? { thumbnail: { width: thumb.w, height: thumb.h, data: v.thumbnail } } : {}),
        channels: { mean: v.mean, max: v.max, zeroFraction: v.zeros },
        maps: grid
          ? top.map((channel, i) => ({
              width: grid.w,
              height: grid.h,
              channel,
              data: v.maps.slice(i * cells, (i + 1) * cells),
            }))
          : [],
      };
    },
  };
}

/** Mean and fraction of exact zeros only: one point of the depth chart. */
export function depthReduction(where: ReduceWhere = 'auto'): Reduction<{ mean: number; zeroFraction: number }> {
  return {
    size: 2,
    tap: (y) =>
      onHost(where)
        ? tf.tensor1d(hostDepth(values(y)))
        : tf.stack([hierarchicalMean(y), hierarchicalMean(tf.cast(tf.equal(y, 0), 'float32'))]),
    read: (values) => ({ mean: values[0], zeroFraction: values[1] }),
  };
}

/** Side lengths of a thumbnail: average-pooled by the smallest integer factor that fits THUMBNAIL_MAX. */
export function thumbnailSize(h: number, w: number): { h: number; w: number; factor: number } {
  const factor = Math.max(1, Math.ceil(Math.max(h, w) / THUMBNAIL_MAX));
  return { h: Math.ceil(h / factor), w: Math.ceil(w / factor), factor };
}

function checkChannel(y: tf.Tensor4D, channel?: number): void {
  const c = y.shape[3];
  if (channel !== undefined && !(Number.isInteger(channel) && channel >= 0 && channel < c)) {
    throw new RangeError(`channel ${channel} does not exist: this output has channels 0–${c - 1}`);
  }
}

function thumbnail(y: tf.Tensor4D, channel?: number): tf.Tensor {
  const [, h, w] = y.shape;
  const map = channel === undefined ? tf.mean(y, 3, true) : tf.slice(y, [0, 0, 0, channel], [1, h, w, 1]);
  const { factor } = thumbnailSize(h, w);
  // "same" pooling averages only cells inside the map, so border cells of the thumbnail are true means.
  return factor > 1 ? tf.avgPool(map as tf.Tensor4D, factor, factor, 'same') : map;
}

/**
 * Mean over all values, one axis at a time (rows, then columns, then channels): a float32 sum of a million
 * values loses digits that the parity tolerance notices; sums of at most a few hundred do not.
 */
function hierarchicalMean(y: tf.Tensor): tf.Tensor {
  return y.rank === 4 ? tf.mean(tf.mean(tf.mean(y, 2), 1)) : tf.mean(y);
}

function statistics(y: tf.Tensor): { packed: tf.Tensor; min: tf.Tensor; max: tf.Tensor } {
  const mean = hierarchicalMean(y);
  const std = tf.sqrt(hierarchicalMean(tf.square(tf.sub(y, mean))));
  const min = tf.min(y);
  const max = tf.max(y);
  const zeros = hierarchicalMean(tf.cast(tf.equal(y, 0), 'float32'));
  return { packed: tf.stack([mean, std, min, max, zeros]), min, max };
}

/** Per channel (the last axis): mean, maximum, fraction of exact zeros. */
function channelStats(y: tf.Tensor): { mean: tf.Tensor1D; max: tf.Tensor1D; zeros: tf.Tensor1D } {
  const perChannel = (t: tf.Tensor) => tf.reshape(y.rank === 4 ? tf.mean(tf.mean(t, 2), 1) : t, [-1]) as tf.Tensor1D;
  return {
    mean: perChannel(y),
    max: tf.reshape(y.rank === 4 ? tf.max(y, [0, 1, 2]) : y, [-1]) as tf.Tensor1D,
    zeros: perChannel(tf.cast(tf.equal(y, 0), 'float32')),
  };
}

/** Counts in `bins` equal bins over [min, max], the last bin including max; all in the first when min = max. */
function histogram(y: tf.Tensor, min: tf.Tensor, max: tf.Tensor, bins: number): tf.Tensor {
  const range = tf.sub(max, min);
  const perUnit = tf.where(tf.greater(range, 0), tf.div(bins, tf.maximum(range, 1e-30)), tf.zerosLike(range));
  const index = tf.clipByValue(tf.floor(tf.mul(tf.sub(tf.reshape(y, [-1]), min), perUnit)), 0, bins - 1);
  return tf.bincount(tf.cast(index, 'int32') as tf.Tensor1D, tf.tensor1d([], 'float32'), bins);
}

function pack(parts: readonly tf.Tensor[]): tf.Tensor {
  return tf.concat(parts.map((p) => tf.reshape(tf.cast(p, 'float32'), [-1])));
}

function readStats(v: Float32Array, n: number): ActivationStats {
  return { mean: v[0], std: v[1], min: v[2], max: v[3], zeroFraction: v[4], count: n };
}

function readHistogram(counts: Float32Array, stats: Float32Array): Histogram {
  return { min: stats[2], max: stats[3], counts: Uint32Array.from(counts, Math.round) };
}

function gridOf(shape: readonly number[]): { h: number; w: number } | undefined {
  return shape.length === 3 ? { h: shape[0], w: shape[1] } : undefined;
}

function count(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Named consecutive parts of a packed array. */
class Layout<K extends string> {
  readonly size: number;
  constructor(private readonly parts: ReadonlyArray<readonly [K, number]>) {
    this.size = parts.reduce((a, [, n]) => a + n, 0);
  }

  split(values: Float32Array): Record<K, Float32Array> {
    if (values.length !== this.size)
      throw new Error(`internal: expected ${this.size} reduced values, got ${values.length}`);
    const out = {} as Record<K, Float32Array>;
    let offset = 0;
    for (const [name, n] of this.parts) {
      out[name] = values.slice(offset, offset + n);
      offset += n;
    }
    return out;
  }
}
