/** Test-only access to fixtures/preprocess (made by scripts/make-preprocess-fixtures.py with PIL + torchvision). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import type { RgbImage } from '../runtime/preprocess/image.ts';

export const PREPROCESS_FIXTURES = fileURLToPath(new URL('../../fixtures/preprocess/', import.meta.url));

export interface ExpectedModel {
  scaleSize: number;
  resized: [number, number];
  crop: [number, number];
  cropSha256: string;
  tensorSha256: string;
  cropSum: number;
  tensorFirst8: number[];
}

export interface Expected {
  inputSize: number;
  models: Record<string, number>;
  pipeline: {
    file: string;
    note: string;
    mode: string;
    size: [number, number];
    rgbSha256: string;
    models: Record<string, ExpectedModel>;
  }[];
  decode: { file: string; reference: string; note: string; size: [number, number] }[];
  normalize: { mean: number[]; std: number[]; values: number[] };
}

export const expected: Expected = JSON.parse(readFileSync(`${PREPROCESS_FIXTURES}expected.json`, 'utf8'));

export const fixturePath = (name: string): string => `${PREPROCESS_FIXTURES}${name}`;
export const readFixture = (name: string): Uint8Array => new Uint8Array(readFileSync(fixturePath(name)));

export function sha256(data: Uint8Array | Float32Array): string {
  return createHash('sha256')
    .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    .digest('hex');
}

/** Per-byte differences between two images of the same size. */
export function imageDifference(a: RgbImage, b: RgbImage): { max: number; mean: number; differing: number } {
  if (a.width !== b.width || a.height !== b.height)
    throw new Error(`sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  let max = 0;
  let sum = 0;
  let differing = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i] - b.data[i]);
    if (d > 0) differing++;
    if (d > max) max = d;
    sum += d;
  }
  return { max, mean: sum / a.data.length, differing };
}

/** A PNG that claims `width`×`height`: signature, IHDR (valid CRC), an empty IDAT and IEND. */
export function pngHeader(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: number[]) => {
    const body = Buffer.from([...Buffer.from(type, 'ascii'), ...data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', [...ihdr]),
      chunk('IDAT', []),
      chunk('IEND', []),
    ]),
  );
}
