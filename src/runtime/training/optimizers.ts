/**
 * The two optimisers of the learning lab, with their state by name for resuming a run.
 *
 * - RMSProp as TensorFlow's (the paper's, decay 0.9, ε = 1.0): ms ← d·ms + (1 − d)·g² (ms starts at 0),
 *   mom ← μ·mom + lr·g/√(ms + ε), θ ← θ − mom.
 * - SGD with momentum as PyTorch's: buf ← μ·buf + g, θ ← θ − lr·buf (Nesterov: θ ← θ − lr·(g + μ·buf)).
 *
 * Written here rather than taken from tf.train: those fix the learning rate at construction (the
 * schedule changes it per epoch), look variables up by name in the engine's global registry, and name
 * their state after tfjs's variables rather than the checkpoint's tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CheckpointTensor } from '../../model/analysis/checkpoint.ts';
import type { TensorData } from '../weights/types.ts';
import type { OptimizerConfig } from './config.ts';
import { exportTensors, toMemoryLayout, type Parameter } from './parameters.ts';

interface Slot {
  /** "rms", "momentum" or "momentum_buffer". */
  slot: string;
  parameter: Parameter;
  variable: tf.Variable;
}

const SLOTS = { rmsprop: ['rms', 'momentum'], sgd: ['momentum_buffer'] } as const;

/** The state tensor `slot` of parameter `name` in a saved state ("features.0.conv.weight#rms"). */
export const slotName = (name: string, slot: string) => `${name}#${slot}`;

let created = 0;

export class Optimizer {
  private readonly slots: Slot[];
  private disposed = false;

  constructor(
    readonly config: OptimizerConfig,
    private readonly parameters: readonly Parameter[],
  ) {
    // Variable names are global in a tfjs engine.
    const id = ++created;
    this.slots = parameters.flatMap((parameter) =>
      SLOTS[config.kind].map((slot) => {
        const zeros = tf.zerosLike(parameter.variable);
        const variable = tf.variable(zeros, false, `optimizer${id}/${parameter.tensor.name}#${slot}`);
        zeros.dispose();
        return { slot, parameter, variable };
      }),
    );
  }

  /** One update of every parameter with its gradient (same order as the parameters) at learning rate lr. */
  apply(gradients: readonly tf.Tensor[], learningRate: number): void {
    if (gradients.length !== this.parameters.length) {
      throw new Error(`internal: ${gradients.length} gradients for ${this.parameters.length} parameters`);
    }
    const per = SLOTS[this.config.kind].length;
    tf.tidy(() => {
      this.parameters.forEach((p, i) => {
        const g = gradients[i];
        const state = this.slots.slice(i * per, (i + 1) * per).map((s) => s.variable);
        const c = this.config;
        if (c.kind === 'rmsprop') {
          const [ms, mom] = state;
          ms.assign(tf.add(tf.mul(ms, c.decay), tf.mul(tf.square(g), 1 - c.decay)));
          mom.assign(tf.add(tf.mul(mom, c.momentum), tf.div(tf.mul(g, learningRate), tf.sqrt(tf.add(ms, c.epsilon)))));
          p.variable.assign(tf.sub(p.variable, mom));
        } else {
          const [buffer] = state;
          buffer.assign(tf.add(tf.mul(buffer, c.momentum), g));
          const direction = c.nesterov ? tf.add(g, tf.mul(buffer, c.momentum)) : buffer;
          p.variable.assign(tf.sub(p.variable, tf.mul(direction, learningRate)));
        }
      });
    });
  }

  /** The state in the parameters' PyTorch layouts, named `slotName(parameter, slot)`. */
  async state(): Promise<Map<string, TensorData>> {
    this.check();
    return exportTensors(this.slots.map((s) => [slotTensor(s), s.variable] as const));
  }

  /** Sets the state from `state()`'s tensors; throws naming every missing or misshapen one, changing nothing then. */
  restore(tensors: ReadonlyMap<string, TensorData>): void {
    this.check();
    const problems: string[] = [];
    for (const s of this.slots) {
      const t = slotTensor(s);
      const data = tensors.get(t.name);
      const size = t.shape.reduce((a, b) => a * b, 1);
      if (!data) problems.push(`${t.name} is missing`);
      else if (data.shape.join('x') !== t.shape.join('x') || data.data.length !== size) {
        problems.push(
          `${t.name} has shape [${data.shape.join(', ')}] (${data.data.length} values) ` +
            `but [${t.shape.join(', ')}] is expected`,
        );
      }
    }
    if (problems.length > 0) {
      const shown = problems.slice(0, 5).concat(problems.length > 5 ? [`… and ${problems.length - 5} more`] : []);
      const list = shown.map((p) => `- ${p}`).join('\n');
      throw new Error(`the saved ${this.config.kind} state does not fit this network:\n${list}`);
    }
    for (const s of this.slots) {
      const t = slotTensor(s);
      tf.tidy(() => s.variable.assign(toMemoryLayout(t.kind, tf.tensor(tensors.get(t.name)!.data, [...t.shape]))));
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose(this.slots.map((s) => s.variable));
  }

  private check(): void {
    if (this.disposed) throw new Error('this optimizer has been disposed');
  }
}

/** A slot described like its parameter's checkpoint tensor (same layout), under the slot's name. */
function slotTensor(s: Slot): CheckpointTensor {
  return { ...s.parameter.tensor, name: slotName(s.parameter.tensor.name, s.slot) };
}
