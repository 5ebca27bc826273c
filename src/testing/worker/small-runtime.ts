/** Test helper (not shipped): a tiny InferenceRuntime for testing the service and the UI store in Node. */
import type { NetworkDefinition, NetworkId } from '../../model/types.ts';
import { failureDetailOf } from '../../runtime/failure-words.ts';
import { WeightsFileError } from '../../runtime/weights/errors.ts';
import type { TensorSource } from '../../runtime/weights/types.ts';
import type { BackendChoice, BackendName } from '../../runtime/worker/protocol.ts';
import type { InferenceRuntime } from '../../runtime/worker/inference-runtime.ts';
import type { BackendMissing, FailureDetail } from '../../runtime/failure-words.ts';
import { unavailable } from '../../runtime/backends/select.ts';

/**
 * "Weights" are files whose first byte says which network they belong to; a "network" returns
 * probabilities that depend on its input and on the backend, so rebuilt networks can be told apart.
 */
export const ID_BYTE: Record<string, number> = { 'inception-v4': 4, 'inception-resnet-v2': 2 };
/** A first byte that makes "weights" a truncated file (a problem of the file, whatever the network). */
export const TRUNCATED_BYTE = 0x7e;

/** Why a backend the fake lacks is skipped: as a browser without it would say. */
const MISSING_HERE: Readonly<Record<BackendName, BackendMissing>> = {
  webgpu: 'no-webgpu',
  webgl: 'no-webgl',
  wasm: 'no-wasm',
  cpu: 'excluded',
};

/** Why a fake's lost backend is skipped afterwards. */
export const DEVICE_LOST: FailureDetail = { code: 'error', params: { message: 'device lost' } };

export class SmallRuntime implements InferenceRuntime {
  backends: BackendName[] = ['webgpu', 'wasm', 'cpu'];
  active: BackendName | undefined;
  builds: string[] = [];
  /** Sizes of the batches inferred together (single photos go through `probabilities`). */
  batches: number[] = [];
  /** The photos decoded, by name, with the library slot each was sent with (undefined: none). */
  slots = new Map<string, string | undefined>();
  /** How long one inference takes (0: at once), so that photos can pile up behind it. */
  inferenceMs = 0;
  /** Inferences never finish while set (a kernel waiting on a GPU that is gone). */
  hang = false;
  /** Building on this backend fails. */
  failBuildOn: BackendName | undefined;
  /** Inferences running now. */
  inferring = 0;
  /** While set, checking weights waits for it (a network is still loading; others classify meanwhile). */
  validating: Promise<void> | undefined;
  private lost: ((backend: BackendName, cause: FailureDetail) => void) | undefined;
  readonly labels = Array.from({ length: 10 }, (_, i) => `label ${i}`);

  async selectBackend(choice: BackendChoice, exclude: readonly BackendName[]) {
    const usable = this.backends.filter((b) => !exclude.includes(b));
    this.active = choice !== 'auto' && usable.includes(choice) ? choice : usable[0];
    if (!this.active) throw new Error('no backend could be started');
    const skipped = exclude.map((backend) => ({ backend, reason: DEVICE_LOST }));
    if (choice !== 'auto' && !this.backends.includes(choice))
      skipped.push({ backend: choice, reason: unavailable(MISSING_HERE[choice]).reason });
    return { choice, active: this.active, skipped };
  }

  validate(network: NetworkDefinition, bytes: Uint8Array, fileName: string): TensorSource | Promise<TensorSource> {
    if (this.validating) return this.validating.then(() => this.check(network, bytes, fileName));
    return this.check(network, bytes, fileName);
  }

  private check(network: NetworkDefinition, bytes: Uint8Array, fileName: string): TensorSource {
    if (bytes[0] === TRUNCATED_BYTE)
      throw new WeightsFileError(
        fileName,
        {
          code: 'weights.safetensors',
          params: {
            file: fileName,
            problem: 'truncated',
            detail: ' is truncated: it is the Inception-v4 checkpoint cut short',
          },
        },
        undefined,
        'truncated',
      );
    if (bytes[0] !== ID_BYTE[network.id]) {
      const message = `${fileName}: these are not the weights of ${network.title}`;
      // Another network's "checkpoint" is identified as such, as the real check does ('wrong-model').
      const fits = (Object.keys(ID_BYTE) as NetworkId[]).find((id) => ID_BYTE[id] === bytes[0]);
      if (!fits) throw new Error(message);
      throw new WeightsFileError(fileName, failureDetailOf(new Error(message)), undefined, 'wrong-model', fits);
    }
    return { get: () => undefined, names: () => [] };
  }

  async build(network: NetworkDefinition) {
    const backend = this.active!;
    if (backend === this.failBuildOn) throw new Error(`out of memory on ${backend}`);
    this.builds.push(`${network.id}@${backend}`);
    let disposed = false;
    const probabilities = async (input: Float32Array) => {
      if (disposed) throw new Error(`${network.id}@${backend} used after dispose`);
      this.inferring++;
      try {
        if (this.hang) await new Promise(() => undefined);
        if (this.inferenceMs) await new Promise((resolve) => setTimeout(resolve, this.inferenceMs));
        const p = new Float32Array(10).fill(0.01);
        p[(input[0] + (backend === 'wasm' ? 1 : backend === 'cpu' ? 2 : 0)) % 10] = 0.91;
        return p;
      } finally {
        this.inferring--;
      }
    };
    return {
      warmUpMs: 7,
      probabilities,
      probabilitiesBatch: async (inputs: Float32Array[]) => {
        this.batches.push(inputs.length);
        return Promise.all(inputs.map(probabilities));
      },
      dispose: () => {
        disposed = true;
      },
    };
  }

  async decode(image: { kind: string; blob?: Blob; name: string; slot?: string }) {
    this.slots.set(image.name, image.slot);
    const bytes = new Uint8Array(await (image.blob as Blob).arrayBuffer());
    if (bytes[0] !== 0xff) throw new Error(`${image.name}: not an image`);
    return {
      width: 640,
      height: 480,
      prepare: async () => ({
        input: Float32Array.of(bytes[1]),
        crop: { width: 299, height: 299 } as unknown as ImageBitmap,
      }),
      close: () => undefined,
    };
  }

  onDeviceLost(listener: (backend: BackendName, cause: FailureDetail) => void) {
    this.lost = listener;
  }

  loseDevice(message: string) {
    this.lost?.(this.active!, { code: 'error', params: { message } });
  }
}
