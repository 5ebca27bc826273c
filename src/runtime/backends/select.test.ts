import { describe, expect, it } from 'vitest';
import { englishFailure } from '../failure-words.ts';
import {
  describeSkipped,
  planBackends,
  softwareAdapterReason,
  softwareRendererReason,
  unavailable,
  type Capabilities,
  type GpuAdapterFacts,
} from './select.ts';

const nvidia: GpuAdapterFacts = {
  isFallbackAdapter: false,
  vendor: 'nvidia',
  architecture: 'ampere',
  device: '',
  description: '',
};
const swiftShaderAdapter: GpuAdapterFacts = {
  isFallbackAdapter: false,
  vendor: 'google',
  architecture: 'swiftshader',
  device: '',
  description: 'SwiftShader Device (Subzero)',
};
const fallback: GpuAdapterFacts = {
  isFallbackAdapter: true,
  vendor: '',
  architecture: '',
  device: '',
  description: '',
};
const hardwareGl = {
  available: true,
  version: 2,
  renderer: 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060, OpenGL 4.5)',
  vendor: 'Google Inc. (NVIDIA)',
} as const;
const swiftShaderGl = {
  available: true,
  version: 2,
  renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
  vendor: 'Google Inc. (Google)',
} as const;

function caps(overrides: Partial<Capabilities> = {}): Capabilities {
  return {
    webgpu: { available: true, adapter: nvidia },
    webgl: hardwareGl,
    wasm: { available: true, threads: false },
    cpu: { available: true },
    ...overrides,
  };
}

describe('planBackends', () => {
  it('prefers WebGPU, then WebGL, WASM and CPU on real hardware', () => {
    expect(planBackends(caps())).toEqual({ candidates: ['webgpu', 'webgl', 'wasm', 'cpu'], skipped: [] });
  });

  it('skips software GPUs automatically, saying why', () => {
    const plan = planBackends(caps({ webgpu: { available: true, adapter: swiftShaderAdapter }, webgl: swiftShaderGl }));
    expect(plan.candidates).toEqual(['wasm', 'cpu']);
    expect(plan.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl']);
    expect(englishFailure(plan.skipped[0].reason)).toMatch(
      /^software adapter \(google, swiftshader, SwiftShader Device \(Subzero\)\); about 100× slower/,
    );
    expect(englishFailure(plan.skipped[1].reason)).toMatch(
      /^software renderer \(ANGLE \(Google, Vulkan 1\.3\.0 \(SwiftShader/,
    );
  });

  it('recognises a fallback adapter by its flag alone', () => {
    const plan = planBackends(caps({ webgpu: { available: true, adapter: fallback } }));
    expect(plan.candidates[0]).toBe('webgl');
    expect(plan.skipped.map((s) => [s.backend, englishFailure(s.reason)])).toEqual([
      ['webgpu', expect.stringMatching(/^software fallback adapter; about 100×/)],
    ]);
  });

  it('passes on the reason an unavailable backend gave', () => {
    const plan = planBackends(caps({ webgpu: unavailable('no-webgpu') }));
    expect(plan.skipped).toEqual([{ backend: 'webgpu', reason: unavailable('no-webgpu').reason }]);
    expect(describeSkipped(plan.skipped)).toBe('WebGPU: this browser has no WebGPU (navigator.gpu is missing)');
  });

  it('uses a software GPU when it is chosen by name, then falls back to the automatic order', () => {
    const plan = planBackends(
      caps({ webgpu: { available: true, adapter: swiftShaderAdapter }, webgl: swiftShaderGl }),
      { backend: 'webgpu' },
    );
    expect(plan.candidates).toEqual(['webgpu', 'wasm', 'cpu']);
    expect(plan.skipped.map((s) => s.backend)).toEqual(['webgl']);
  });

  it('tries only the chosen backend when fallback is off', () => {
    expect(planBackends(caps({ webgl: swiftShaderGl }), { backend: 'webgl', fallback: false })).toEqual({
      candidates: ['webgl'],
      skipped: [],
    });
    const missing = planBackends(caps({ webgpu: unavailable('no-adapter') }), {
      backend: 'webgpu',
      fallback: false,
    });
    expect(missing).toEqual({
      candidates: [],
      skipped: [{ backend: 'webgpu', reason: unavailable('no-adapter').reason }],
    });
  });

  it('leaves out a backend excluded after its device was lost', () => {
    const plan = planBackends(caps(), { exclude: ['webgpu'] });
    expect(plan.candidates).toEqual(['webgl', 'wasm', 'cpu']);
    expect(plan.skipped.map((s) => englishFailure(s.reason))).toEqual(['excluded after a failure']);
  });
});

describe('software detection', () => {
  it('names llvmpipe and SwiftShader renderers, not hardware ones', () => {
    expect(englishFailure(softwareRendererReason('llvmpipe (LLVM 15.0.6, 256 bits)')!)).toBe(
      'software renderer (llvmpipe (LLVM 15.0.6, 256 bits))',
    );
    expect(softwareRendererReason(hardwareGl.renderer)).toBeUndefined();
    expect(softwareAdapterReason(nvidia)).toBeUndefined();
    const mesa = softwareAdapterReason({ ...nvidia, vendor: 'mesa', description: 'llvmpipe' });
    expect(englishFailure(mesa!)).toMatch(/^software adapter \(mesa/);
  });
});
