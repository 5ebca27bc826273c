/**
 * Makes the first workable backend of a plan the current TensorFlow.js backend: load its package (only
 * when tried, so unused backends never download), initialise it, run the self-test. Every backend passed
 * over is recorded with its reason, for the UI.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_TITLES, describeSkipped, type BackendName, type BackendPlan, type SkippedBackend } from './select.ts';
import { selfTest } from './self-test.ts';
import { watchBackendLoss } from './loss.ts';
import type { FailureDetail } from '../failure-words.ts';

/** Imports (and configures) one backend's package so that `tf.setBackend(name)` can find it. */
/** How WebAssembly runs: SIMD, its thread count, and why a single thread where threads were possible. */
export interface WasmFacts {
  simd: boolean;
  threads: number;
  /** Why one thread: the page is not cross-origin isolated, threads were turned off, or they failed to start. */
  single?: 'not-isolated' | 'turned-off' | 'failed';
  /** The failure's own message, for 'failed'. */
  failure?: string;
}

/** "SIMD, 2 threads", "no SIMD, single thread (the page is not cross-origin isolated)". */
export function wasmDetailText(facts: WasmFacts): string {
  const why =
    facts.single === 'not-isolated'
      ? ' (the page is not cross-origin isolated)'
      : facts.single === 'turned-off'
        ? ' (threads turned off)'
        : facts.single === 'failed'
          ? ` (threads did not start: ${facts.failure ?? 'unknown reason'})`
          : '';
  const threads = facts.threads === 1 ? 'single thread' : `${facts.threads} threads`;
  return `${facts.simd ? 'SIMD' : 'no SIMD'}, ${threads}${why}`;
}

export type BackendLoader = (name: BackendName) => Promise<void>;

export interface ActiveBackend {
  name: BackendName;
  /** "WebGPU", "WebAssembly", … */
  title: string;
  /** Details worth showing: the GPU adapter or renderer, WASM SIMD/threads (in English, for logs and the CLI). */
  detail: string;
  /** WebAssembly's facts behind `detail`, for a page to word in its reader's language. */
  wasm?: WasmFacts;
  /** Preferred backends passed over, each with why. */
  skipped: SkippedBackend[];
  /**
   * Calls `listener` once if the GPU device (WebGPU) or context (WebGL) is lost; the caller should then
   * rebuild on another backend (`exclude: [name]`). Returns an unsubscribe function.
   */
  onLost(listener: (reason: FailureDetail) => void): () => void;
}

export class NoBackendError extends Error {
  constructor(readonly skipped: SkippedBackend[]) {
    super(`no TensorFlow.js backend could be used: ${describeSkipped(skipped) || 'none was available'}`);
  }
}

export async function activateBackend(
  plan: BackendPlan,
  load: BackendLoader,
  details: Partial<Record<BackendName, string>> = {},
): Promise<ActiveBackend> {
  const skipped = [...plan.skipped];
  for (const name of plan.candidates) {
    const reason = await tryBackend(name, load);
    if (reason) {
      skipped.push({ backend: name, reason });
      continue;
    }
    const instance = tf.backend();
    return {
      name,
      title: BACKEND_TITLES[name],
      detail: details[name] ?? '',
      skipped,
      onLost: (listener) => watchBackendLoss(name, instance, listener),
    };
  }
  throw new NoBackendError(skipped);
}

/** Undefined on success, else why the backend cannot be used. */
async function tryBackend(name: BackendName, load: BackendLoader): Promise<FailureDetail | undefined> {
  const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
  try {
    await load(name);
    if (!(await tf.setBackend(name))) return { code: 'backend.init-failed', params: {} };
    await tf.ready();
  } catch (error) {
    return { code: 'backend.init-failed', params: { detail: messageOf(error) } };
  }
  try {
    const problem = await selfTest();
    return problem ? { code: 'backend.self-test-failed', params: { detail: problem } } : undefined;
  } catch (error) {
    return { code: 'backend.self-test-failed', params: { detail: messageOf(error) } };
  }
}
