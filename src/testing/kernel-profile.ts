/**
 * Where a piece of work's time goes, kernel by kernel: tf.profile around it, the kernels grouped by name
 * (calls, total ms, mean µs per call), largest first, and the wall time not spent in kernels (the
 * engine's bookkeeping: tape, tidy scopes, tensor records). On WASM a kernel's time is the synchronous
 * call into the module, so the sum is the work actually done there.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface KernelRow {
  name: string;
  calls: number;
  ms: number;
}

export interface KernelProfile {
  rows: KernelRow[];
  /** Composite ops recorded around kernels also listed (customGrad's "unnamed scope"): not in the totals. */
  composites: KernelRow[];
  calls: number;
  kernelMs: number;
  wallMs: number;
}

/**
 * Profiles `work` (which must dispose what it makes). `byShape` groups by kernel name and input shapes
 * ("Conv2D 32x16x16x64 3x3x64x96") rather than by name alone.
 */
export async function profileKernels(work: () => Promise<unknown>, byShape = false): Promise<KernelProfile> {
  const started = performance.now();
  const info = await tf.profile(async () => {
    await work();
  });
  const wallMs = performance.now() - started;
  const byName = new Map<string, KernelRow>();
  const backend = tf.getBackend();
  const composites = new Map<string, KernelRow>();
  for (const k of info.kernels) {
    if (!tf.getKernel(k.name, backend)) {
      const row = composites.get(k.name) ?? { name: k.name, calls: 0, ms: 0 };
      row.calls += 1;
      composites.set(k.name, row);
      continue;
    }
    const name = byShape ? `${k.name} ${k.inputShapes.map((s) => s?.join('x') ?? '?').join(' ')}` : k.name;
    const row = byName.get(name) ?? { name, calls: 0, ms: 0 };
    row.calls += 1;
    row.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    byName.set(name, row);
  }
  const rows = [...byName.values()].sort((a, b) => b.ms - a.ms);
  const kernelMs = rows.reduce((a, r) => a + r.ms, 0);
  const calls = rows.reduce((a, r) => a + r.calls, 0);
  return { rows, composites: [...composites.values()], calls, kernelMs, wallMs };
}

/** The profile as printed lines: one per kernel name, then the totals. */
export function formatKernelProfile(profile: KernelProfile, top = 25): string[] {
  const { rows, composites, calls, kernelMs, wallMs } = profile;
  const width = byShapeWidth(rows);
  const lines = rows
    .slice(0, top)
    .map(
      (r) =>
        `  ${r.name.padEnd(width)} ${String(r.calls).padStart(6)} calls ` +
        `${r.ms.toFixed(1).padStart(8)} ms ${((r.ms / kernelMs) * 100).toFixed(1).padStart(5)}% ` +
        `${((r.ms * 1000) / r.calls).toFixed(0).padStart(7)} µs/call`,
    );
  if (rows.length > top) lines.push(`  … ${rows.length - top} more kernel names`);
  if (composites.length > 0) {
    lines.push(
      `  composite ops around the kernels above (not counted again): ` +
        composites.map((c) => `${c.name} ×${c.calls}`).join(', '),
    );
  }
  lines.push(
    `  ${calls} kernel calls, ${kernelMs.toFixed(0)} ms in kernels, ${(wallMs - kernelMs).toFixed(0)} ms ` +
      `outside them (${wallMs.toFixed(0)} ms wall, profiled)`,
  );
  return lines;
}

const byShapeWidth = (rows: readonly KernelRow[]) => Math.min(60, Math.max(22, ...rows.map((r) => r.name.length)));
