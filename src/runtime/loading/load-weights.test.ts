import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeightsServer } from '../../../e2e/support/weights-server.ts';
import { tensorSourceFromMap, type TensorSource } from '../weights/types.ts';
import { DownloadError } from './download.ts';
import { loadWeights, WeightsError, type LoadProgress } from './load-weights.ts';

// Cache Storage exists only in browsers: the cache paths are tested in Chromium (e2e/classify-weights.spec.ts).
const CHECKPOINT = { repo: 'timm/tiny', file: 'model.safetensors' };
const GOOD = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);

/** Accepts exactly GOOD, as one tensor "w" viewing the bytes, like a parser that validates. */
function validate(bytes: Uint8Array, fileName: string): TensorSource {
  if (bytes.byteLength !== 8 || bytes[0] !== 1) throw new Error(`${fileName}: not the tiny test model`);
  return tensorSourceFromMap(new Map([['w', { shape: [2], data: new Float32Array(bytes.buffer, bytes.byteOffset, 2) }]]));
}

describe('loadWeights without a cache', () => {
  const server = new WeightsServer();
  beforeAll(async () => {
    await server.start();
    server.serve(CHECKPOINT.repo, CHECKPOINT.file, { bytes: GOOD });
    server.serve('timm/other', 'model.safetensors', { bytes: new Uint8Array(16) });
  });
  afterAll(() => server.stop());

  it('downloads from the base URL, validates, and says nothing was kept', async () => {
    const phases: LoadProgress['phase'][] = [];
    const loaded = await loadWeights({
      checkpoint: CHECKPOINT, source: { kind: 'auto', baseUrl: server.baseUrl }, validate,
      onProgress: (p) => phases.push(p.phase),
    });
    expect(loaded.origin).toBe(`${server.baseUrl}/timm/tiny/resolve/main/model.safetensors`);
    expect(loaded.bytes).toBe(8);
    expect([...loaded.tensors.get('w')!.data]).toEqual([...new Float32Array(GOOD.buffer)]);
    expect(loaded.cached).toBeUndefined();
    expect(loaded.storeError).toMatch(/Cache Storage is not available/);
    expect(loaded.timings.readMs).toBeGreaterThan(0);
    expect(loaded.timings.validateMs).toBeGreaterThanOrEqual(0);
    expect(loaded.timings.storeMs).toBe(0);
    expect(phases[0]).toBe('download');
    expect(phases.at(-1)).toBe('validate');
  });

  it('turns invalid bytes into a WeightsError naming the file', async () => {
    const failure = await loadWeights({
      checkpoint: { repo: 'timm/other', file: 'model.safetensors' },
      source: { kind: 'download', baseUrl: server.baseUrl }, validate,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WeightsError);
    expect((failure as Error).message).toBe('model.safetensors of timm/other: not the tiny test model');
  });

  it('passes download failures through with their kind', async () => {
    const failure = await loadWeights({
      checkpoint: { repo: 'timm/missing', file: 'model.safetensors' },
      source: { kind: 'download', baseUrl: server.baseUrl }, validate,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DownloadError);
    expect((failure as DownloadError).status).toBe(404);
  });

  it('reads a picked file and names it in errors', async () => {
    const loaded = await loadWeights({
      checkpoint: CHECKPOINT, source: { kind: 'file', file: new Blob([GOOD]), name: 'mine.safetensors' }, validate,
    });
    expect(loaded.origin).toBe('file:mine.safetensors');
    const failure = await loadWeights({
      checkpoint: CHECKPOINT, source: { kind: 'file', file: new Blob([new Uint8Array(3)]), name: 'cut.safetensors' }, validate,
    }).catch((e: unknown) => e);
    expect((failure as Error).message).toBe('cut.safetensors: not the tiny test model');
  });

  it('says a cache-only load is impossible when nothing is cached', async () => {
    const failure = await loadWeights({ checkpoint: CHECKPOINT, source: { kind: 'cache' }, validate }).catch((e: unknown) => e);
    expect((failure as Error).message).toBe("model.safetensors of timm/tiny is not in this browser's cache");
  });

  it('stops before validating when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const failure = await loadWeights({
      checkpoint: CHECKPOINT, source: { kind: 'download', baseUrl: server.baseUrl }, validate, signal: controller.signal,
    }).catch((e: unknown) => e);
    expect((failure as DownloadError).kind).toBe('cancelled');
  });
});
