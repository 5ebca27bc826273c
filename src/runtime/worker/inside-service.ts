/**
 * The worker's side of looking inside (InsideApi): photos kept per slot (decoded once, the most recently
 * used MAX_PHOTO_SLOTS), preprocessed per network when first used, and each loaded network's segment
 * caches (see runtime/inside/). A photo classified with its slot is kept too (`keepClassified`: its
 * network inputs and crops, the classification having made its segment caches), so attaching it then
 * decodes nothing and looking inside runs nothing; it is decoded only for a network it was not
 * classified by. InferenceService calls these methods in its queue (a classification's batch calls
 * `keepClassified` in its turn), since they share the backend with classifications, builds and backend
 * switches.
 */
import { isTrainedNetworkId } from '../../model/trained.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { softmax } from '../classifier.ts';
import type { InsideNetwork } from '../inside/inside-network.ts';
import {
  MAX_PHOTO_SLOTS,
  type ClassMap,
  type ClassMapOptions,
  type DetailOptions,
  type GradCamProgress,
  type LookInsideResult,
  type NodeDetail,
  type NodeSummary,
  type ResidualScales,
  type SummaryOptions,
} from '../inside/protocol.ts';
import { InsideError, type SegmentCache } from '../inside/segment-cache.ts';
import { partWays } from '../inside/parting.ts';
import type { PartingPoint } from '../inside/parting-protocol.ts';
import { GradCamCancelled } from '../inside/grad-cam.ts';
import { InferenceFailure } from './errors.ts';
import { failureDetailOf } from '../failure-words.ts';
import { Cancellations, nextMacrotask } from './turns.ts';
import type { BackendName, InferenceNetwork, ClassifyImage } from './protocol.ts';
import type { DecodedPhoto } from './inference-runtime.ts';
import { topClasses } from '../top-k.ts';
import type { ChannelMaxima } from '../inside/top-examples.ts';

export interface InsideDependencies {
  decode(image: ClassifyImage): Promise<DecodedPhoto>;
  /** The network's look-inside state while its weights are loaded. */
  network(
    network: InferenceNetwork,
  ): { inside?: InsideNetwork; backend: BackendName; definition: NetworkDefinition } | undefined;
  /** The network's class names (ImageNet's, or a trained network's own). */
  labels(network: InferenceNetwork): readonly string[];
  /** A copy of a crop to hand out (the page gets it transferred; the slot keeps its own). */
  copyCrop?(crop: ImageBitmap): Promise<ImageBitmap>;
  /** Runs `task` in the service's queue (default: at once): `classMaps` queues its own turns. */
  serial?<T>(task: () => Promise<T>): Promise<T>;
}

interface Photo {
  name: string;
  /** Decoded when attached, or when first needed (a photo kept by its classification). */
  decoded?: DecodedPhoto;
  /** The photo's bytes, to decode it later and to tell the same photo attached again. */
  source?: Blob;
  width: number;
  height: number;
  prepared: Map<InferenceNetwork, { input: Float32Array; crop: ImageBitmap }>;
  /** The scales of the last look inside per network, to recompute an evicted cache with. */
  scales: Map<InferenceNetwork, ResidualScales>;
}

const copyBitmap = (crop: ImageBitmap) =>
  typeof createImageBitmap === 'function' ? createImageBitmap(crop) : Promise.resolve(crop);

export class InsideService {
  private readonly photos = new Map<string, Photo>();
  private readonly gradCams = new Cancellations();

  constructor(private readonly deps: InsideDependencies) {}

  async attachPhoto(slot: string, image: ClassifyImage): Promise<{ width: number; height: number }> {
    const kept = this.photos.get(slot);
    if (kept?.source && image.kind === 'blob' && (await sameBytes(kept.source, image.blob))) {
      this.photo(slot).name = image.name;
      return { width: kept.width, height: kept.height };
    }
    let decoded: DecodedPhoto;
    try {
      decoded = await this.deps.decode(image);
    } catch (error) {
      throw new InferenceFailure('image', failureDetailOf(error));
    }
    await this.releasePhoto(slot);
    this.photos.set(slot, {
      name: image.name,
      decoded,
      ...(image.kind === 'blob' ? { source: image.blob } : {}),
      width: decoded.width,
      height: decoded.height,
      prepared: new Map(),
      scales: new Map(),
    });
    await this.evict();
    return { width: decoded.width, height: decoded.height };
  }

  /**
   * A photo classified under `slot` by `network` (its classification made the slot's segment cache): its
   * input and a copy of its crop are kept, as when attached, so that attaching the same photo decodes
   * nothing and looking inside preprocesses nothing. What the slot already holds of that photo stays.
   */
  async keepClassified(
    slot: string,
    photo: { source: Blob; name: string; width: number; height: number },
    network: InferenceNetwork,
    prepared: { input: Float32Array; crop: ImageBitmap },
  ): Promise<void> {
    let kept = this.photos.get(slot);
    if (kept && !(kept.source && (await sameBytes(kept.source, photo.source)))) await this.releasePhoto(slot);
    kept = this.photos.get(slot);
    if (!kept) {
      kept = { ...photo, prepared: new Map(), scales: new Map() };
      this.photos.set(slot, kept);
    }
    if (!kept.prepared.has(network)) {
      const crop = await (this.deps.copyCrop ?? copyBitmap)(prepared.crop);
      kept.prepared.set(network, { input: prepared.input, crop });
    }
    this.photo(slot);
    await this.evict();
  }

  async lookInside(
    slot: string,
    network: InferenceNetwork,
    scales: ResidualScales = {},
    prefetch: readonly string[] = [],
  ): Promise<LookInsideResult> {
    const photo = this.photo(slot);
    const { cache, backend } = await this.cache(slot, network, photo, scales);
    const run = await guard(() => cache.lookInside(scales, prefetch));
    photo.scales.set(network, scales);
    const prepared = photo.prepared.get(network)!;
    return {
      slot,
      network,
      scales: run.scales,
      top: topClasses(softmax(run.logits), 5, this.deps.labels(network)),
      logits: Float32Array.from(run.logits),
      depth: run.depth,
      crop: await (this.deps.copyCrop ?? copyBitmap)(prepared.crop),
      inferenceMs: run.ms,
      backend,
    };
  }

  async summaries(
    slot: string,
    network: InferenceNetwork,
    addresses: readonly string[],
    options?: SummaryOptions,
  ): Promise<NodeSummary[]> {
    const { cache } = await this.cache(slot, network);
    return guard(() => cache.summaries(addresses, options));
  }

  async detail(slot: string, network: InferenceNetwork, address: string, options: DetailOptions): Promise<NodeDetail> {
    const { cache } = await this.cache(slot, network);
    return guard(() => cache.detail(address, options));
  }

  /**
   * CAM (one turn in the queue), or Grad-CAM in turns: a request queued meanwhile runs between them, and
   * `cancelGradCam(options.gradCamId)` stops it before the next turn.
   */
  async classMaps(
    slot: string,
    network: InferenceNetwork,
    classes: readonly number[],
    options: ClassMapOptions = {},
    onProgress?: (progress: GradCamProgress) => void,
  ): Promise<ClassMap[]> {
    const serial = this.deps.serial ?? ((task) => task());
    const { node } = options;
    if (node === undefined) {
      return serial(async () => {
        const { cache } = await this.cache(slot, network);
        return guard(() => cache.classMaps(classes));
      });
    }
    return this.gradCams.run(options.gradCamId, async (signal) => {
      const { cache, inside, title } = await serial(() => this.cache(slot, network));
      // Each turn on the network it started with, after the messages that arrived meanwhile.
      const schedule = async <T>(task: () => Promise<T>) => {
        await nextMacrotask();
        return serial(() => {
          if (this.deps.network(network)?.inside !== inside) {
            throw new InferenceFailure('not-loaded', { code: 'worker.grad-cam-unloaded', params: { network: title } });
          }
          return task();
        });
      };
      try {
        return await guard(() =>
          cache.classMaps(classes, { node }, { schedule, signal, onProgress: (p) => onProgress?.(p) }),
        );
      } catch (error) {
        if (error instanceof GradCamCancelled)
          throw new InferenceFailure('cancelled', { code: 'worker.grad-cam-cancelled', params: { node } });
        throw error;
      }
    });
  }

  async cancelGradCam(gradCamId: string): Promise<void> {
    this.gradCams.cancel(gradCamId);
  }

  async channelMaxima(slot: string, network: InferenceNetwork, addresses: readonly string[]): Promise<ChannelMaxima[]> {
    const { cache } = await this.cache(slot, network);
    return guard(() => cache.channelMaxima(addresses));
  }

  /** Where two slots' photos part (PartingApi): both slots' runs at `scales`, reused where kept. */
  async partWays(
    first: string,
    second: string,
    network: InferenceNetwork,
    scales: ResidualScales = {},
  ): Promise<PartingPoint[]> {
    const one = await this.cache(first, network, this.photo(first), scales);
    const two = await this.cache(second, network, this.photo(second), scales);
    const points = await guard(() => partWays(one.cache, two.cache, scales));
    this.photo(first).scales.set(network, scales);
    this.photo(second).scales.set(network, scales);
    return points;
  }

  async releasePhoto(slot: string): Promise<void> {
    const photo = this.photos.get(slot);
    if (!photo) return;
    this.photos.delete(slot);
    for (const network of photo.prepared.keys()) this.deps.network(network)?.inside?.release(slot);
    for (const { crop } of photo.prepared.values()) crop.close?.();
    photo.decoded?.close();
  }

  /** Slots whose photos are kept, least recently used first. */
  slots(): string[] {
    return [...this.photos.keys()];
  }

  /** Lets the least recently used photos go beyond MAX_PHOTO_SLOTS. */
  private async evict(): Promise<void> {
    for (const old of [...this.photos.keys()].slice(0, Math.max(0, this.photos.size - MAX_PHOTO_SLOTS)))
      await this.releasePhoto(old);
  }

  private photo(slot: string): Photo {
    const photo = this.photos.get(slot);
    if (!photo) {
      throw new InferenceFailure('no-photo', { code: 'worker.photo-gone', params: { slot, kept: MAX_PHOTO_SLOTS } });
    }
    this.photos.delete(slot);
    this.photos.set(slot, photo);
    return photo;
  }

  /**
   * The slot's segment cache for the network: kept, or made from the photo (preprocessed for this
   * network once) and looked inside again with the slot's last scales when it was evicted or the network
   * was rebuilt. `lookInside` passes the scales it is about to apply, so nothing runs twice.
   */
  private async cache(
    slot: string,
    network: InferenceNetwork,
    photo = this.photo(slot),
    next?: ResidualScales,
  ): Promise<{
    cache: SegmentCache;
    backend: BackendName;
    inside: InsideNetwork;
    title: string;
  }> {
    const loaded = this.deps.network(network);
    const title =
      loaded?.definition.title ??
      (isTrainedNetworkId(network) ? network : (NETWORKS[network].released?.title ?? network));
    if (!loaded) throw new InferenceFailure('not-loaded', { code: 'worker.not-loaded', params: { networks: [title] } });
    if (!loaded.inside)
      throw new InferenceFailure('internal', { code: 'worker.no-inside', params: { network: title } });
    const kept = loaded.inside.get(slot);
    if (kept) return { cache: kept, backend: loaded.backend, inside: loaded.inside, title: title ?? network };
    let prepared = photo.prepared.get(network);
    if (!prepared) {
      try {
        photo.decoded ??= await this.deps.decode({ kind: 'blob', blob: photo.source!, name: photo.name });
        prepared = await photo.decoded.prepare(loaded.definition);
      } catch (error) {
        throw new InferenceFailure('image', failureDetailOf(error));
      }
      photo.prepared.set(network, prepared);
    }
    const cache = loaded.inside.create(slot, prepared.input);
    if (!next) await guard(() => cache.lookInside(photo.scales.get(network) ?? {}));
    return { cache, backend: loaded.backend, inside: loaded.inside, title: title ?? network };
  }
}

/** A request the cache rejects is the caller's mistake, told as such (kind "internal": the page sent it). */
async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof InsideError) throw new InferenceFailure('internal', failureDetailOf(error));
    throw error;
  }
}

/** Whether two blobs hold the same bytes (a photo attached again, or the one classified under its slot). */
async function sameBytes(a: Blob, b: Blob): Promise<boolean> {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  const [x, y] = await Promise.all([a.arrayBuffer(), b.arrayBuffer()]).then(([p, q]) => [
    new Uint8Array(p),
    new Uint8Array(q),
  ]);
  return x.every((v, i) => v === y[i]);
}
