/**
 * Thumbnails of the boxes as image URLs, for the first photo and for a second one (drawn beside it):
 * the second photo's store runs with the diagram's boxes prefetched and summarises them, like the first.
 */
import { useMemo } from 'react';
import type { NodeSummary, ResidualScales } from '../../runtime/inside/protocol.ts';
import type { InferenceNetwork } from '../../runtime/worker/protocol.ts';
import { useComparison } from './comparison-stores.ts';
import { runKey, summaryKey } from './inside-store.ts';
import { bitmapUrl, mapUrl } from './raster.ts';
import type { ThumbnailTarget } from './targets.ts';

/** A box's thumbnail: the crop for the input bar ("photo"), else the summary's map (none yet: undefined). */
export function thumbnailHref(
  target: ThumbnailTarget,
  crop: ImageBitmap | undefined,
  summary: NodeSummary | undefined,
): string | undefined {
  if (target === 'photo') return crop ? bitmapUrl(crop) : undefined;
  return summary?.thumbnail ? mapUrl(summary.thumbnail) : undefined;
}

export interface SecondPhoto {
  /** Attaches the second photo (or lets it go), runs it with `nodes` prefetched and asks for their summaries. */
  show(nodes: readonly string[], channel?: { node: string; channel: number }): void;
  /** The second photo's thumbnail of a box (see `thumbnailHref`). */
  href(target: ThumbnailTarget, channel: number | undefined): string | undefined;
}

export function useSecondPhoto(
  network: InferenceNetwork,
  scales: ResidualScales,
  compare: string | undefined,
): SecondPhoto {
  const {
    second: [state, store],
  } = useComparison();
  const run = runKey(network, scales);
  const result = state.runs.get(run);
  const ready = compare !== undefined && state.photo.status === 'ready';
  const crop = ready && result?.status === 'done' ? result.value.crop : undefined;
  return useMemo(
    () => ({
      show: (nodes, channel) => {
        void store.show(compare);
        if (!ready) return;
        store.run(network, scales, nodes);
        if (!crop) return;
        store.requestSummaries(network, scales, nodes);
        if (channel) store.requestSummaries(network, scales, [channel.node], channel.channel);
      },
      href: (target, channel) => thumbnailHref(target, crop, state.summaries.get(summaryKey(run, target, channel))),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `run` stands for `scales`
    [store, compare, ready, crop, network, run, state.summaries],
  );
}
