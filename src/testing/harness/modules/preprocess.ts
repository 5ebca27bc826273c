/**
 * e2e access to preprocessing in the real browser (e2e/preprocess.spec.ts). Files travel from the spec
 * as base64; results come back as hashes and difference statistics, so the spec compares them with the
 * PIL/torchvision fixtures without moving megabytes through `page.evaluate`.
 */
import { inceptionPreprocessing } from '../../../model/networks/preprocessing.ts';
import {
  decodeBitmap,
  decodeImage,
  preprocessImage,
  rgbToImageBitmap,
} from '../../../runtime/preprocess/decode.browser.ts';
import { ImageInputError } from '../../../runtime/preprocess/errors.ts';
import type { RgbImage } from '../../../runtime/preprocess/image.ts';
import type { PreprocessReply, PreprocessRequest } from '../preprocess.worker.ts';
import { IMAGENET_LABELS } from '../../../runtime/labels.ts';

function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function sha256(data: Uint8Array | Float32Array): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength),
  );
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Decodes a file and preprocesses it for each crop_pct: hashes to compare with the fixtures. */
export async function preprocessFile(base64: string, name: string, cropPcts: number[]) {
  const file = new File([fromBase64(base64)], name);
  const decoded = await decodeImage(file);
  const models = [];
  for (const cropPct of cropPcts) {
    const input = await preprocessImage(file, inceptionPreprocessing(cropPct));
    models.push({
      cropPct,
      resized: [input.plan.resized.width, input.plan.resized.height],
      crop: [input.plan.cropLeft, input.plan.cropTop],
      cropSha256: await sha256(input.crop.data),
      tensorSha256: await sha256(input.tensor),
      cropSum: input.crop.data.reduce((s, v) => s + v, 0),
      first8: Array.from(input.tensor.subarray(0, 8)),
    });
  }
  return {
    size: [decoded.image.width, decoded.image.height],
    rgbSha256: await sha256(decoded.image.data),
    pixelSource: decoded.pixelSource,
    hadTransparency: decoded.hadTransparency,
    models,
  };
}

function difference(a: RgbImage, b: RgbImage) {
  if (a.width !== b.width || a.height !== b.height) return { sameSize: false, max: 255, mean: 255 };
  let max = 0;
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i] - b.data[i]);
    max = Math.max(max, d);
    sum += d;
  }
  return { sameSize: true, max, mean: sum / a.data.length };
}

/** Decodes `file` and `reference` (PIL's decode, stored as PNG) and reports how far apart they are. */
export async function compareDecode(fileBase64: string, name: string, referenceBase64: string) {
  const decoded = await decodeImage(fromBase64(fileBase64), name);
  const reference = await decodeImage(fromBase64(referenceBase64), `${name}.pil.png`);
  return { size: [decoded.image.width, decoded.image.height], ...difference(decoded.image, reference.image) };
}

/** The error a file produces, or null when it decodes. */
export async function decodeFailure(base64: string, name: string) {
  try {
    await decodeImage(new File([fromBase64(base64)], name));
    return null;
  } catch (error) {
    return {
      isImageInputError: error instanceof ImageInputError,
      problem: (error as ImageInputError).problem,
      message: (error as Error).message,
    };
  }
}

/** The same preprocessing run inside a module Web Worker (no DOM there): the tensor's hash. */
export async function preprocessInWorker(base64: string, name: string, cropPct: number) {
  const worker = new Worker(new URL('../preprocess.worker.ts', import.meta.url), { type: 'module' });
  try {
    const reply = await new Promise<PreprocessReply>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<PreprocessReply>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(`worker failed: ${event.message}`));
      const request: PreprocessRequest = {
        id: 1,
        input: new Blob([fromBase64(base64)]),
        preprocessing: inceptionPreprocessing(cropPct),
        name,
      };
      worker.postMessage(request);
    });
    if (!reply.ok) return { ok: false, problem: reply.problem, message: reply.message };
    return {
      ok: true,
      tensorSha256: await sha256(reply.result.tensor),
      cropSha256: await sha256(reply.result.crop.data),
      pixelSource: reply.result.decoded.pixelSource,
    };
  } finally {
    worker.terminate();
  }
}

/** The crop preview as an ImageBitmap (what the UI draws), read back: its size and pixels' hash. */
export async function cropPreview(base64: string, name: string, cropPct: number) {
  const input = await preprocessImage(fromBase64(base64), inceptionPreprocessing(cropPct), name);
  const bitmap = await rgbToImageBitmap(input.crop);
  try {
    const back = decodeBitmap(bitmap, 'crop preview');
    return { size: [bitmap.width, bitmap.height], sha256: await sha256(back.image.data) };
  } finally {
    bitmap.close();
  }
}

/** The class table as the bundle sees it. */
export function labels() {
  return { count: IMAGENET_LABELS.length, first: IMAGENET_LABELS[0], tabby: IMAGENET_LABELS[281] };
}
