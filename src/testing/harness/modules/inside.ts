/**
 * Looking inside with the real inference worker from the harness page, for the benchmark
 * (bench/inside.ts) and e2e specs: the worker started and weights loaded with the "inference" module,
 * then photos attached and looked into; each call reports what it took, measured on the page.
 */
import type { ClassifiableNetwork } from '../../../runtime/worker/protocol.ts';
import type { ResidualScales } from '../../../runtime/inside/protocol.ts';
import { current } from './inference.ts';

const since = (t: number) => performance.now() - t;

export async function attach(slot: string, photoBase64: string, name: string): Promise<{ ms: number }> {
  const bytes = Uint8Array.from(atob(photoBase64), (c) => c.charCodeAt(0));
  const t = performance.now();
  await current().attachPhoto(slot, { kind: 'blob', blob: new Blob([bytes]), name });
  return { ms: since(t) };
}

/**
 * What "Look inside" asks of a photo: attach it, look inside (the first result: top classes and depth
 * chart), then the summaries of the diagram's boxes (`nodes`, its thumbnails); the times from the click.
 */
export async function open(
  slot: string,
  photoBase64: string,
  name: string,
  network: ClassifiableNetwork,
  nodes: string[],
) {
  const bytes = Uint8Array.from(atob(photoBase64), (c) => c.charCodeAt(0));
  const t = performance.now();
  await current().attachPhoto(slot, { kind: 'blob', blob: new Blob([bytes]), name });
  const result = await current().lookInside(slot, network, {}, nodes);
  const firstMs = since(t);
  result.crop.close();
  await current().summaries(slot, network, nodes);
  return { firstMs, thumbnailsMs: since(t) };
}

export async function lookInside(
  slot: string,
  network: ClassifiableNetwork,
  scales: ResidualScales = {},
  prefetch: string[] = [],
) {
  const t = performance.now();
  const result = await current().lookInside(slot, network, scales, prefetch);
  const ms = since(t);
  const crop = { width: result.crop.width, height: result.crop.height, bitmap: result.crop instanceof ImageBitmap };
  result.crop.close();
  return {
    ms,
    inferenceMs: result.inferenceMs,
    top: result.top.map((p) => p.classIndex),
    depth: result.depth.length,
    backend: result.backend,
    crop,
    logits: result.logits.length,
    residualPoints: result.depth.filter((d) => d.residual).length,
  };
}

export async function summaries(slot: string, network: ClassifiableNetwork, addresses: string[]) {
  const t = performance.now();
  const result = await current().summaries(slot, network, addresses);
  return { ms: since(t), count: result.length, thumbnails: result.filter((s) => s.thumbnail).length };
}

export async function detail(slot: string, network: ClassifiableNetwork, address: string) {
  const t = performance.now();
  const result = await current().detail(slot, network, address, { order: 'mean', count: 32 });
  return { ms: since(t), maps: result.maps.length };
}

export async function classMaps(slot: string, network: ClassifiableNetwork, classes: number[], node?: string) {
  const t = performance.now();
  const maps = await current().classMaps(slot, network, classes, node ? { node } : {});
  const first = maps[0]?.map;
  return {
    ms: since(t),
    workerMs: maps[0]?.ms,
    backend: maps[0]?.backend,
    notice: maps[0]?.notice,
    method: maps[0]?.method,
    count: maps.length,
    width: first?.width,
    height: first?.height,
    min: first && Math.min(...first.data),
    max: first && Math.max(...first.data),
  };
}

export async function release(slot: string): Promise<void> {
  await current().releasePhoto(slot);
}

/**
 * A Grad-CAM in turns, as the inspector runs it: progress per class, a box's summaries asked for once it
 * holds its inputs, and a cancel after `cancelAfter` classes if given. What happened, in order.
 */
export async function gradCamInTurns(
  slot: string,
  network: ClassifiableNetwork,
  classes: number[],
  node: string,
  addresses: string[],
  cancelAfter?: number,
) {
  const t = performance.now();
  const events: string[] = [];
  const gradCamId = `harness-${t}`;
  let asked: Promise<unknown> | undefined;
  let summariesMs = 0;
  const outcome = await current()
    .classMaps(slot, network, classes, { node, gradCamId }, (p) => {
      events.push(`class ${p.done} of ${p.total}${p.map ? ` ${p.map.map.height}×${p.map.map.width}` : ''}`);
      if (p.done === 0) {
        const start = performance.now();
        asked = current()
          .summaries(slot, network, addresses)
          .then(() => {
            summariesMs = since(start);
            events.push('summaries answered');
          });
      }
      if (p.done === cancelAfter) void current().cancelGradCam(gradCamId);
    })
    .then(
      () => 'done',
      (error: { kind?: string }) => error.kind ?? String(error),
    );
  const ms = since(t);
  events.push(`Grad-CAM ${outcome}`);
  await asked;
  return { ms, summariesMs, events };
}
