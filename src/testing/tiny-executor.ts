/** Test support: the tiny network (tiny-network.ts) with its recipe weights, built on a Node backend. */
import { activateNodeBackend } from '../runtime/backends/backends.node.ts';
import { buildExecutor, type NetworkExecutor } from '../runtime/executor/network.ts';
import { recipeSource, tinyNetwork } from './tiny-network.ts';

export async function tinyExecutorOn(backend: 'wasm' | 'cpu'): Promise<NetworkExecutor> {
  await activateNodeBackend(backend);
  const built = buildExecutor(tinyNetwork, recipeSource(tinyNetwork));
  if (!built.ok) throw new Error('tiny network did not build');
  return built.executor;
}
