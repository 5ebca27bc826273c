/**
 * Test helper (not shipped): the inference service over a MessageChannel, exposed as the worker exposes
 * it, with the tiny look-inside runtime (TinyInsideRuntime), on WebAssembly with "Inception-v4" loaded.
 */
import { expose } from 'comlink';
import { connectWorker, type InferenceClient } from '../../runtime/session/client.ts';
import { exposedCalls } from '../../runtime/worker/expose-calls.ts';
import { InferenceService } from '../../runtime/worker/service.ts';
import { TinyInsideRuntime } from './inside-runtime.ts';

/** "Weights" of Inception-v4 for the tiny runtime (their first byte names the network). */
export const TINY_WEIGHTS = { kind: 'file' as const, file: new Blob([Uint8Array.of(4)]), name: 'v4.safetensors' };

export async function startTinyInsideService(): Promise<{
  runtime: TinyInsideRuntime;
  service: InferenceService;
  client: InferenceClient;
}> {
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
