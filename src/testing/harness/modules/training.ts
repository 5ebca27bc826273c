/**
 * Training steps in the browser for `npm run bench:training -- --browser`: the production build's
 * WebAssembly backend as the learning lab's training worker activates it (threaded SIMD, one thread per
 * core, where the page is cross-origin isolated), a trainer for a network definition sent from Node, and
 * its steps timed by the benchmarks' own measure (src/testing/training-steps.ts), optionally one more step
 * profiled kernel by kernel. A page cannot read CPU time: the benchmark exposes the browser's, read from
 * Linux's /proc by Node, as `window.browserCpuMs`; without it the CPU times are NaN.
 */
import type { NetworkDefinition } from '../../../model/types.ts';
import { activateBrowserBackend } from '../../../runtime/backends/backends.browser.ts';
import { ensureGradients } from '../../../runtime/inside/gradient-support.ts';
import type { TrainingConfig } from '../../../runtime/training/config.ts';
import { profileKernels, type KernelProfile } from '../../kernel-profile.ts';
import { measureTrainingSteps, type TrainingSteps } from '../../training-steps.ts';

/** Activates WebAssembly (threads unless `threads` is false): its details ("SIMD, 2 threads") and threads. */
export async function start(threads: boolean): Promise<{ detail: string; threads: number }> {
  const active = await activateBrowserBackend({ backend: 'wasm', wasmThreads: threads });
  if (active.name !== 'wasm') throw new Error(`WebAssembly did not start here: the ${active.name} backend did`);
  await ensureGradients();
  return { detail: active.detail ?? '', threads: active.wasm?.threads ?? 1 };
}

export interface BrowserTrainingSteps extends TrainingSteps {
  profile?: KernelProfile;
}

declare global {
  interface Window {
    /** CPU milliseconds used so far by the browser's processes (every thread), from the benchmark in Node. */
    browserCpuMs?: () => Promise<number>;
  }
}

/** `steps` timed training steps after a warm-up one; with `profile`, one more under tf.profile. */
export async function measure(
  network: NetworkDefinition,
  config: TrainingConfig,
  steps: number,
  profile?: 'names' | 'shapes',
): Promise<BrowserTrainingSteps> {
  let profiled: KernelProfile | undefined;
  const measured = await measureTrainingSteps(
    network,
    config,
    steps,
    profile
      ? async (step) => {
          profiled = await profileKernels(step, profile === 'shapes');
        }
      : undefined,
    window.browserCpuMs ?? (() => NaN),
  );
  return { ...measured, ...(profiled ? { profile: profiled } : {}) };
}
