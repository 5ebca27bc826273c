/** The summaries a segment cache remembers, by node and the channel its thumbnail shows. */
import type { NodeSummary } from './protocol.ts';
import { InsideError } from './class-maps.ts';

/** The memory's key of a node's summary (with the channel its thumbnail shows). */
export function memoKey(address: string, channel?: number | string): string {
  return `${address}|${channel ?? ''}`;
}

export function checkChannel(channel: number, shape: readonly number[], address: string): void {
  const c = shape[2];
  if (!(Number.isInteger(channel) && channel >= 0 && channel < c))
    throw new InsideError(`${address} has channels 0–${c - 1}; there is no channel ${channel}`);
}

/** A copy: the worker transfers what it returns, which must not empty the memo. */
export function copySummary(s: NodeSummary): NodeSummary {
  return {
    ...s,
    shape: [...s.shape],
    stats: { ...s.stats },
    histogram: { ...s.histogram, counts: s.histogram.counts.slice() },
    ...(s.thumbnail ? { thumbnail: { ...s.thumbnail, data: s.thumbnail.data.slice() } } : {}),
    ...(s.residual ? { residual: { ...s.residual } } : {}),
  };
}
