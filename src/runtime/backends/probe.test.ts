import { describe, expect, it } from 'vitest';
import { probeWebGl, probeWebGpu, type GpuLike } from './probe.ts';
import { englishFailure } from '../failure-words.ts';
import type { Availability } from './select.ts';

/** An unavailable backend's reason in English, as the CLI says it. */
const inEnglish = <T>(probed: Availability<T>) =>
  probed.available ? probed : { available: false, reason: englishFailure(probed.reason) };

describe('probeWebGpu', () => {
  it('reports a missing navigator.gpu and a null adapter', async () => {
    expect(inEnglish(await probeWebGpu(undefined))).toEqual({
      available: false,
      reason: 'this browser has no WebGPU (navigator.gpu is missing)',
    });
    const none: GpuLike = { requestAdapter: async () => null };
    expect(inEnglish(await probeWebGpu(none))).toEqual({
      available: false,
      reason: 'no WebGPU adapter (WebGPU disabled, or the GPU is blocklisted)',
    });
    const dawn = { code: 'error', params: { message: 'Dawn found none' } } as const;
    expect(await probeWebGpu(none, dawn)).toEqual({ available: false, reason: dawn });
  });

  it('reads GPUAdapterInfo, including isFallbackAdapter reported there or on the adapter', async () => {
    const modern: GpuLike = {
      requestAdapter: async () => ({
        info: {
          vendor: 'google',
          architecture: 'swiftshader',
          description: 'SwiftShader Device',
          isFallbackAdapter: true,
        },
      }),
    };
    expect(await probeWebGpu(modern)).toEqual({
      available: true,
      adapter: {
        isFallbackAdapter: true,
        vendor: 'google',
        architecture: 'swiftshader',
        device: '',
        description: 'SwiftShader Device',
      },
    });
    const older: GpuLike = {
      requestAdapter: async () => ({
        isFallbackAdapter: false,
        requestAdapterInfo: async () => ({ vendor: 'intel', architecture: 'gen-12lp' }),
      }),
    };
    const result = await probeWebGpu(older);
    expect(result.available && result.adapter).toEqual({
      isFallbackAdapter: false,
      vendor: 'intel',
      architecture: 'gen-12lp',
      device: '',
      description: '',
    });
  });

  it('turns a failing requestAdapter into a reason', async () => {
    const failing: GpuLike = {
      requestAdapter: async () => {
        throw new Error('GPU process crashed');
      },
    };
    expect(inEnglish(await probeWebGpu(failing))).toEqual({
      available: false,
      reason: 'requesting a WebGPU adapter failed: GPU process crashed',
    });
  });
});

describe('probeWebGl', () => {
  const RENDERER = 0x1f01;
  const UNMASKED = 0x9246;
  function fakeCanvas(kinds: string[], renderer = 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620)') {
    let lost = false;
    const gl = {
      RENDERER,
      VENDOR: 0x1f00,
      getParameter: (p: number) => (p === UNMASKED ? renderer : p === RENDERER ? 'WebKit WebGL' : 'vendor'),
      getExtension: (name: string) =>
        name === 'WEBGL_debug_renderer_info'
          ? { UNMASKED_RENDERER_WEBGL: UNMASKED, UNMASKED_VENDOR_WEBGL: 0x9245 }
          : name === 'WEBGL_lose_context'
            ? {
                loseContext: () => {
                  lost = true;
                },
              }
            : null,
    };
    return { canvas: { getContext: (kind: string) => (kinds.includes(kind) ? gl : null) }, wasLost: () => lost };
  }

  it('reads the unmasked renderer, prefers WebGL 2 and releases its context', () => {
    const fake = fakeCanvas(['webgl2', 'webgl']);
    expect(probeWebGl(() => fake.canvas)).toEqual({
      available: true,
      version: 2,
      renderer: 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620)',
      vendor: 'vendor',
    });
    expect(fake.wasLost()).toBe(true);
    expect(probeWebGl(() => fakeCanvas(['webgl']).canvas)).toMatchObject({ available: true, version: 1 });
  });

  it('reports no context and no canvas', () => {
    expect(inEnglish(probeWebGl(() => fakeCanvas([]).canvas))).toEqual({
      available: false,
      reason: 'WebGL is unavailable (disabled, or the GPU is blocklisted)',
    });
    expect(inEnglish(probeWebGl(undefined))).toEqual({
      available: false,
      reason: 'no canvas to create a WebGL context on',
    });
  });
});
