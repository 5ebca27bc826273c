/**
 * How a network is trained (learning-spec §2): the optimiser, the learning-rate schedule, gradient
 * clipping, weight decay, label smoothing, dropout, seed. Plain data (a run's settings travel as JSON).
 */

export type OptimizerConfig =
  /** TensorFlow's RMSProp as the paper uses it: decay 0.9, ε = 1.0, momentum 0.9. */
  | { kind: 'rmsprop'; learningRate: number; decay: number; epsilon: number; momentum: number }
  /** PyTorch's SGD with momentum (dampening 0). */
  | { kind: 'sgd'; learningRate: number; momentum: number; nesterov?: boolean };

export type ScheduleConfig =
  | { kind: 'constant' }
  /** lr = learningRate · rate^⌊epoch / everyEpochs⌋ (the paper: 0.94 every 2 epochs). */
  | { kind: 'exponential'; rate: number; everyEpochs: number };

export interface TrainingConfig {
  optimizer: OptimizerConfig;
  schedule: ScheduleConfig;
  /** Clip the gradients by their global norm (before weight decay, as clip_grad_norm_ before a PyTorch step). */
  clipNorm?: number;
  /** L2 on conv and dense weights (not biases, not batch norm): g += weightDecay · w. */
  weightDecay?: number;
  /** 0 ≤ ls < 1: target = (1 − ls)·onehot + ls/K. */
  labelSmoothing?: number;
  batchSize: number;
  epochs: number;
  seed: number;
  /** Random crop + flip of the training batches (done by the batching, not by the trainer). */
  augment: boolean;
  /** The head's dropout active in training. */
  dropout: boolean;
  /** Overrides every residual group's scale. */
  residualScale?: number;
}

/** The paper's optimiser (§3.3 / §5): RMSProp, decay 0.9, ε = 1.0, learning rate 0.045 decayed 0.94 every 2 epochs. */
export const PAPER_OPTIMIZER: OptimizerConfig = {
  kind: 'rmsprop',
  learningRate: 0.045,
  decay: 0.9,
  epsilon: 1,
  momentum: 0.9,
};
export const PAPER_SCHEDULE: ScheduleConfig = { kind: 'exponential', rate: 0.94, everyEpochs: 2 };

/** The learning rate of an epoch (0-based). */
export function learningRateAt(config: Pick<TrainingConfig, 'optimizer' | 'schedule'>, epoch: number): number {
  const { schedule } = config;
  const base = config.optimizer.learningRate;
  return schedule.kind === 'constant' ? base : base * schedule.rate ** Math.floor(epoch / schedule.everyEpochs);
}

/** What is wrong with a configuration, one message per setting (empty when it can be used). */
export function checkTrainingConfig(config: TrainingConfig): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const o = config.optimizer;
  if (o?.kind !== 'rmsprop' && o?.kind !== 'sgd') {
    const kind = (o as { kind?: unknown } | undefined)?.kind;
    return [`optimizer.kind must be "rmsprop" or "sgd", got ${JSON.stringify(kind)}`];
  }
  expect(finite(o.learningRate) && o.learningRate > 0, `the learning rate must be a number > 0, got ${o.learningRate}`);
  expect(finite(o.momentum) && o.momentum >= 0 && o.momentum < 1, `momentum must be in [0, 1), got ${o.momentum}`);
  if (o.kind === 'rmsprop') {
    expect(
      finite(o.decay) && o.decay >= 0 && o.decay < 1,
      `RMSProp decay must be in [0, 1) (the paper: 0.9), got ${o.decay}`,
    );
    expect(finite(o.epsilon) && o.epsilon > 0, `RMSProp ε must be > 0 (the paper: 1.0), got ${o.epsilon}`);
  }
  const s = config.schedule;
  if (s?.kind === 'exponential') {
    expect(
      finite(s.rate) && s.rate > 0 && s.rate <= 1,
      `the schedule's rate must be in (0, 1] (the paper: 0.94), got ${s.rate}`,
    );
    expect(
      finite(s.everyEpochs) && s.everyEpochs > 0,
      `the schedule's everyEpochs must be > 0 (the paper: 2), got ${s.everyEpochs}`,
    );
  } else {
    expect(s?.kind === 'constant', `schedule.kind must be "constant" or "exponential", got ${JSON.stringify(s?.kind)}`);
  }
  if (config.clipNorm !== undefined) {
    expect(finite(config.clipNorm) && config.clipNorm > 0, `clipNorm must be > 0, got ${config.clipNorm}`);
  }
  if (config.weightDecay !== undefined) {
    expect(finite(config.weightDecay) && config.weightDecay >= 0, `weightDecay must be ≥ 0, got ${config.weightDecay}`);
  }
  if (config.labelSmoothing !== undefined) {
    const ls = config.labelSmoothing;
    expect(finite(ls) && ls >= 0 && ls < 1, `labelSmoothing must be in [0, 1), got ${ls}`);
  }
  const whole = (v: number, name: string) =>
    expect(Number.isInteger(v) && v >= 1, `${name} must be a whole number ≥ 1, got ${v}`);
  whole(config.batchSize, 'batchSize');
  whole(config.epochs, 'epochs');
  expect(
    Number.isInteger(config.seed) && config.seed >= 0 && config.seed < 2 ** 32,
    `seed must be a whole number in [0, 2³²), got ${config.seed}`,
  );
  if (config.residualScale !== undefined) {
    const r = config.residualScale;
    expect(finite(r) && r >= 0, `residualScale must be a number ≥ 0 (0 switches the residual branches off), got ${r}`);
  }
  return problems;
}
