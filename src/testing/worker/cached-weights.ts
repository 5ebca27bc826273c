/**
 * Test helper (not shipped): the weights cache in memory (MemoryCacheStorage), and a mirror's copy of the
 * small runtime's Inception-v4 "weights" (one byte, its ID_BYTE) kept in it as a download from that
 * mirror leaves it: a store's test can then see a network loaded from the cache, or loaded again after a
 * worker's restart.
 */
import { NETWORKS } from '../../model/networks/index.ts';
import { WeightsCache } from '../../runtime/loading/cache.ts';
import { sha256Hex } from '../../runtime/loading/sha256.ts';
import { MemoryCacheStorage } from '../memory-cache-storage.ts';
import { ID_BYTE } from './small-runtime.ts';

export const memoryWeightsCache = (): WeightsCache => new WeightsCache(new MemoryCacheStorage().asCacheStorage());

export async function keepMirrorCopy(cache: WeightsCache, mirror: string): Promise<void> {
  const bytes = Uint8Array.of(ID_BYTE['inception-v4']);
  const checkpoint = NETWORKS['inception-v4'].released!.checkpoint!;
  await cache.put(checkpoint, { kind: 'mirror', baseUrl: mirror }, bytes, `${mirror}/x`, await sha256Hex(bytes));
}
