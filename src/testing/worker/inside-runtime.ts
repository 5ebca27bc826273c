/**
 * Test helper (not shipped): an InferenceRuntime on the real TensorFlow.js backends of Node that builds
 * the tiny test network (whichever network is asked for), so the worker's look-inside service runs real
 * segment caches in unit tests. Photos are two bytes: 0xff, then a seed that scales the input.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NetworkDefinition } from '../../model/types.ts';
import { activateNodeBackend } from '../../runtime/backends/backends.node.ts';
import { buildExecutor } from '../../runtime/executor/network.ts';
import { recipeSource, tinyNetwork } from '../tiny-network.ts';
import { seededInput } from '../fresh-look-inside.ts';
import { InsideNetwork } from '../../runtime/inside/inside-network.ts';
import type { TensorSource } from '../../runtime/weights/types.ts';
import type { BackendName } from '../../runtime/worker/protocol.ts';
import type { BuiltNetwork, DecodedPhoto, InferenceRuntime } from '../../runtime/worker/inference-runtime.ts';
import { DEVICE_LOST, ID_BYTE } from './small-runtime.ts';
import type { FailureDetail } from '../../runtime/failure-words.ts';

/** A crop that counts its closing and, like a plain object, survives a message channel (no own functions). */
class FakeCrop {
  static closed = 0;
  readonly width = 17;
  readonly height = 17;
  close(): void {
    FakeCrop.closed++;
  }
}

export class TinyInsideRuntime implements InferenceRuntime {
  readonly labels = Array.from({ length: 10 }, (_, i) => `label ${i}`);
  builds: string[] = [];
  /** Photos decoded. */
  decodes = 0;
  /** Every run of a network's executor: "full" (a forward pass from the photo), or "from <segment>". */
  runs: string[] = [];
  /** Runs that kept segment inputs and tapped depth (a look inside's, or a classification keeping one). */
  lookRuns = 0;
  private readonly closedBefore = FakeCrop.closed;
  private lost: ((backend: BackendName, cause: FailureDetail) => void) | undefined;
  private active: BackendName | undefined;

  async selectBackend(choice: string, exclude: readonly BackendName[]) {
    const name = (['wasm', 'cpu'] as const).find((b) => (choice === 'auto' || choice === b) && !exclude.includes(b));
    if (!name) throw new Error('no backend could be started');
    await activateNodeBackend(name);
    this.active = name;
    return {
      choice: choice as 'auto',
      active: name,
      skipped: exclude.map((backend) => ({ backend, reason: DEVICE_LOST })),
    };
  }

  validate(network: NetworkDefinition, bytes: Uint8Array, fileName: string): TensorSource {
    if (bytes[0] !== ID_BYTE[network.id]) throw new Error(`${fileName}: these are not the weights of ${network.title}`);
    return recipeSource(tinyNetwork);
  }

  async build(network: NetworkDefinition, tensors: TensorSource): Promise<BuiltNetwork> {
    this.builds.push(`${network.id}@${this.active}`);
    const built = buildExecutor(tinyNetwork, tensors);
    if (!built.ok) throw new Error(built.problems[0].message);
    const run = built.executor.run.bind(built.executor);
    built.executor.run = (x, options = {}) => {
      this.runs.push(options.from ? `from ${options.from}` : 'full');
      if (options.keepSegmentInputs) this.lookRuns++;
      return run(x, options);
    };
    const inside = new InsideNetwork(built.executor, this.labels);
    return {
      probabilities: async (input: Float32Array) => {
        const x = tf.tensor4d(input, [1, 17, 17, 3]);
        const { output } = built.executor.run(x);
        const p = tf.softmax(output);
        const data = (await p.data()) as Float32Array;
        tf.dispose([x, output, p]);
        return data;
      },
      inside,
      dispose: () => {
        inside.dispose();
        built.executor.dispose();
      },
    };
  }

  async decode(image: { kind: string; blob?: Blob; name: string }): Promise<DecodedPhoto> {
    const bytes = new Uint8Array(await (image.blob as Blob).arrayBuffer());
    if (bytes[0] !== 0xff) throw new Error(`${image.name}: not an image`);
    this.decodes++;
    return {
      width: 640,
      height: 480,
      prepare: async () => ({
        input: seededInput(bytes[1]),
        crop: new FakeCrop() as unknown as ImageBitmap,
      }),
      close: () => undefined,
    };
  }

  /** Forward passes from the photo (a look inside's, a classification's). */
  get passes(): number {
    return this.runs.filter((r) => r === 'full').length;
  }

  /** Crops closed since this runtime was made (a released photo closes its crops). */
  get closedCrops(): number {
    return FakeCrop.closed - this.closedBefore;
  }

  onDeviceLost(listener: (backend: BackendName, cause: FailureDetail) => void) {
    this.lost = listener;
  }

  loseDevice(message: string) {
    this.lost?.(this.active!, { code: 'error', params: { message } });
  }
}
