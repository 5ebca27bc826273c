/**
 * The worker's API as its entry exposes it, derived from the service and the table of calls (calls.ts):
 * each method runs the service's, and its answer goes back with what its row transfers (crops, typed
 * arrays' buffers) instead of copied. Every array the service returns is its own copy, so nothing it
 * keeps is emptied by a transfer.
 */
import { transfer } from 'comlink';
import { CALLS, type CallArgs, type CallName, type CallResult } from './calls.ts';
import type { InferenceApi, WorkerApi } from './protocol.ts';

export function exposedCalls(service: InferenceApi, alive: WorkerApi['alive']): WorkerApi {
  const target: WorkerApi = { ...bound(service), alive };
  const api: Record<string, unknown> = {};
  for (const method of Object.keys(CALLS) as CallName[])
    api[method] = (...args: CallArgs<CallName>) => answer(target, method, args);
  return api as unknown as WorkerApi;
}

async function answer<M extends CallName>(target: WorkerApi, method: M, args: CallArgs<M>): Promise<CallResult<M>> {
  const run = target[method] as unknown as (...a: CallArgs<M>) => Promise<CallResult<M>>;
  const result = await run(...args);
  const transfers = CALLS[method].transfers as ((r: CallResult<M>) => Transferable[]) | undefined;
  return transfers ? transfer(result, transfers(result)) : result;
}

/** The service's methods (a class's live on its prototype), bound to it. */
function bound(service: InferenceApi): InferenceApi {
  const methods: Record<string, unknown> = {};
  for (const method of Object.keys(CALLS) as CallName[]) {
    const f = (service as unknown as Record<string, unknown>)[method];
    if (typeof f === 'function') methods[method] = f.bind(service);
  }
  return methods as unknown as InferenceApi;
}
