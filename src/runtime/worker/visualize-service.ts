/**
 * The worker's side of feature visualisation (VisualizeApi): the optimisation of runtime/inside/ on the
 * loaded network's executor, with progress, cancelling between steps, and the finished images kept by
 * network, weights, node, channel, steps and seed. Each step runs in InferenceService's queue, since it
 * shares the backend: a classification or a look inside asked for meanwhile waits one step, not the run.
 */
import { inputPreprocessing } from '../../model/trained.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import type { NetworkExecutor } from '../executor/network.ts';
import { visualize, VisualizeCancelled, VisualizeError } from '../inside/feature-visualization.ts';
import { visualizationKey, type VisualizationStore } from '../inside/visualization-store.ts';
import type {
  ChannelVisualization,
  RgbaImage,
  VisualizeProgress,
  VisualizeRequest,
} from '../inside/visualize-protocol.ts';
import { InferenceFailure } from './errors.ts';
import { failureDetailOf } from '../failure-words.ts';
import type { InferenceNetwork } from './protocol.ts';
import { Cancellations, nextMacrotask } from './turns.ts';

export interface VisualizeDependencies {
  /** The loaded network's executor and the SHA-256 of its weights, or undefined when it is not loaded. */
  network(
    network: InferenceNetwork,
  ): { executor: NetworkExecutor; definition: NetworkDefinition; sha256: string } | undefined;
  store: VisualizationStore;
  /** Runs `task` in the service's queue (default: at once). */
  serial?<T>(task: () => Promise<T>): Promise<T>;
}

/** Images handed to the page while forming: about this many per run. */
const PREVIEWS = 16;

export class VisualizeService {
  private readonly running = new Cancellations();

  constructor(private readonly deps: VisualizeDependencies) {}

  visualizeChannel(
    request: VisualizeRequest,
    onProgress?: (progress: VisualizeProgress) => void,
  ): Promise<ChannelVisualization> {
    return this.running.run(request.visualizeId, (signal) => this.run(request, signal, onProgress));
  }

  async cancelVisualization(visualizeId: string): Promise<void> {
    this.running.cancel(visualizeId);
  }

  private async run(
    request: VisualizeRequest,
    signal: AbortSignal,
    onProgress?: (progress: VisualizeProgress) => void,
  ): Promise<ChannelVisualization> {
    const cancelled = () =>
      new InferenceFailure('cancelled', {
        code: 'worker.visualisation-cancelled',
        params: { channel: request.channel, node: request.node },
      });
    if (signal.aborted) throw cancelled();
    const loaded = this.deps.network(request.network);
    if (!loaded)
      throw new InferenceFailure('not-loaded', { code: 'worker.not-loaded', params: { networks: [request.network] } });
    const { network, node, channel, steps, seed } = request;
    const key = visualizationKey(request, loaded.sha256);
    const kept = await this.deps.store.get(key).catch(() => undefined);
    if (kept) return { ...kept, image: { ...kept.image, data: kept.image.data.slice() }, cached: true };
    const { mean, std } = inputPreprocessing(loaded.definition);
    // Each step takes its turn in the service's queue, on the executor it started with.
    const serial = this.deps.serial ?? ((task) => task());
    const schedule = <T>(task: () => Promise<T>) =>
      serial(() => {
        if (this.deps.network(network)?.executor !== loaded.executor) {
          throw new InferenceFailure('not-loaded', {
            code: 'worker.rebuilt-during-visualisation',
            params: { network: loaded.definition.title },
          });
        }
        return task();
      });
    let result;
    try {
      result = await visualize({
        executor: loaded.executor,
        target: { kind: 'channel', node, channel },
        steps,
        seed,
        mean,
        std,
        signal,
        schedule,
        previewEvery: Math.max(1, Math.round(steps / PREVIEWS)),
        onStep: async (s) => {
          onProgress?.({
            step: s.step,
            steps: s.steps,
            activation: s.activation,
            ms: s.ms,
            ...(s.image ? { image: rgba(s.image, loaded.definition.input[1], loaded.definition.input[0]) } : {}),
          });
          // A macrotask between steps: a cancel message is handled before the next step starts.
          await nextMacrotask();
        },
      });
    } catch (error) {
      if (error instanceof VisualizeCancelled) throw cancelled();
      if (error instanceof VisualizeError) throw new InferenceFailure('internal', failureDetailOf(error));
      throw error;
    }
    const visualization = {
      network,
      node,
      channel,
      steps,
      seed,
      image: rgba(result.image, result.width, result.height),
      activations: result.activations,
      final: result.final,
      msPerStep: result.msPerStep,
      backend: result.backend,
    };
    // A store that fails (quota, private mode) costs only the next request's time.
    await this.deps.store.set(key, visualization).catch(() => undefined);
    return {
      ...visualization,
      image: { ...visualization.image, data: visualization.image.data.slice() },
      cached: false,
    };
  }
}

/** RGB in [0, 1] as RGBA bytes. */
export function rgba(rgb: Float32Array, width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[4 * i] = Math.round(rgb[3 * i] * 255);
    data[4 * i + 1] = Math.round(rgb[3 * i + 1] * 255);
    data[4 * i + 2] = Math.round(rgb[3 * i + 2] * 255);
    data[4 * i + 3] = 255;
  }
  return { width, height, data };
}
