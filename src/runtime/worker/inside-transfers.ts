/**
 * The inside methods as the worker exposes them: results travel with their typed arrays' buffers and the
 * crop transferred, not copied (every array the service returns is its own copy, so nothing it keeps is
 * emptied by the transfer).
 */
import { transfer } from 'comlink';
import type { ClassMap, FeatureMap, InsideApi, NodeDetail, NodeSummary } from '../inside/protocol.ts';

export function insideMethods(service: InsideApi): InsideApi {
  return {
    attachPhoto: (slot, image) => service.attachPhoto(slot, image),
    async lookInside(slot, network, scales, prefetch) {
      const result = await service.lookInside(slot, network, scales, prefetch);
      return transfer(result, transferables([result.logits], [result.crop]));
    },
    async summaries(slot, network, addresses, options) {
      const summaries = await service.summaries(slot, network, addresses, options);
      return transfer(summaries, transferables(summaries.flatMap(summaryArrays)));
    },
    async detail(slot, network, address, options) {
      const detail = await service.detail(slot, network, address, options);
      return transfer(detail, transferables(detailArrays(detail)));
    },
    async classMaps(slot, network, classes, options, onProgress) {
      const maps = await service.classMaps(slot, network, classes, options, onProgress);
      return transfer(maps, transferables(maps.map((m: ClassMap) => m.map.data)));
    },
    cancelGradCam: (gradCamId) => service.cancelGradCam(gradCamId),
    async channelMaxima(slot, network, addresses) {
      const maxima = await service.channelMaxima(slot, network, addresses);
      return transfer(maxima, transferables(maxima.flatMap((m) => [m.max, m.position])));
    },
    releasePhoto: (slot) => service.releasePhoto(slot),
  };
}

function summaryArrays(s: NodeSummary): ArrayBufferView[] {
  return [s.histogram.counts, ...(s.thumbnail ? [s.thumbnail.data] : [])];
}

function detailArrays(d: NodeDetail): ArrayBufferView[] {
  return [
    ...summaryArrays(d),
    d.channels.mean,
    d.channels.max,
    d.channels.zeroFraction,
    ...d.maps.map((m: FeatureMap) => m.data),
  ];
}

/** Each distinct buffer once (a transfer list must not repeat one), and the crops that are real bitmaps. */
export function transferables(arrays: readonly ArrayBufferView[], bitmaps: readonly unknown[] = []): Transferable[] {
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  const images = bitmaps.filter(
    (b): b is ImageBitmap => typeof ImageBitmap !== 'undefined' && b instanceof ImageBitmap,
  );
  return [...buffers, ...images];
}
