/**
 * Test helper (not shipped): the inference service over a MessageChannel, exposed as the worker exposes
 * it, with the tiny look-inside runtime (TinyInsideRuntime), on WebAssembly with "Inception-v4" loaded.
 */
import { expose } from 'comlink';
import { afterEach, beforeAll } from 'vitest';
import { connectWorker, type InferenceClient } from '../../runtime/session/client.ts';
import { installFailureTransfer } from '../../runtime/worker/errors.ts';
import { exposedCalls } from '../../runtime/worker/expose-calls.ts';
import { InferenceService } from '../../runtime/worker/service.ts';
import { TinyInsideRuntime } from './inside-runtime.ts';

/** "Weights" of Inception-v4 for the tiny runtime (their first byte names the network). */
export const TINY_WEIGHTS = { kind: 'file' as const, file: new Blob([Uint8Array.of(4)]), name: 'v4.safetensors' };

export interface TinyInsideService {
  runtime: TinyInsideRuntime;
  service: InferenceService;
  client: InferenceClient;
}

export async function startTinyInsideService(): Promise<TinyInsideService> {
  const runtime = new TinyInsideRuntime();
  const service = new InferenceService(runtime, undefined);
  const channel = new MessageChannel();
  expose(
    exposedCalls(service, async () => ({ lock: undefined })),
    channel.port1,
  );
  const client = connectWorker(channel.port2);
  await client.setBackend('wasm');
  await client.loadWeights('inception-v4', TINY_WEIGHTS);
  return { runtime, service, client };
}

/**
 * The service for the tests of a describe block (call it there): `start()` starts it for one test, ended
 * after that test; failures travel with their details. Its parts are read while a test runs.
 */
export function tinyInsideServicePerTest(): TinyInsideService & { start(): Promise<void> } {
  let started: TinyInsideService | undefined;
  beforeAll(() => installFailureTransfer());
  afterEach(() => {
    started?.client.terminate();
    started = undefined;
  });
  const part = <K extends keyof TinyInsideService>(key: K): TinyInsideService[K] => {
    if (!started) throw new Error('start() the tiny inside service in this test first');
    return started[key];
  };
  return {
    start: async () => {
      started = await startTinyInsideService();
    },
    get runtime() {
      return part('runtime');
    },
    get service() {
      return part('service');
    },
    get client() {
      return part('client');
    },
  };
}
