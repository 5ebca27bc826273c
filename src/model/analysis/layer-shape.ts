/** Output shape, parameters and multiply-adds of a single layer: the arithmetic every analysis builds on. */
import type { Kernel, Layer, Padding, Shape } from '../types.ts';

export interface LayerCost {
  output: Shape;
  params: number;
  macs: number;
  /** Why the layer cannot be applied to this input (the output shape is then a best guess). */
  problem?: string;
}

/** Output extent of a window along one axis (TF "SAME"/"VALID" semantics). */
export function windowExtent(input: number, size: number, stride: number, padding: Padding): number {
  return padding === 'same' ? Math.ceil(input / stride) : Math.floor((input - size) / stride) + 1;
}

export function formatShape(shape: Shape): string {
  return shape.join('×');
}

function windowed(input: Shape, kernel: Kernel, stride: number, padding: Padding, channels: number): LayerCost {
  if (input.length !== 3) {
    return { output: input, params: 0, macs: 0, problem: `expects a H×W×C grid but receives ${formatShape(input)}` };
  }
  const [h, w] = input;
  const out: Shape = [
    windowExtent(h, kernel[0], stride, padding),
    windowExtent(w, kernel[1], stride, padding),
    channels,
  ];
  const problem =
    out[0] < 1 || out[1] < 1
      ? `a ${kernel[0]}×${kernel[1]} window does not fit the ${h}×${w} input without padding`
      : undefined;
  return { output: out, params: 0, macs: 0, ...(problem ? { problem } : {}) };
}

/**
 * Parameters are counted as PyTorch does: conv and fully connected weights and biases, batch-norm gamma
 * and beta (running statistics are buffers, not parameters). Multiply-adds count every conv and the
 * classifier; pooling, batch norm, activations and additions are not counted.
 */
export function layerCost(layer: Layer, input: Shape): LayerCost {
  switch (layer.kind) {
    case 'conv': {
      const base = windowed(input, layer.kernel, layer.stride, layer.padding, layer.filters);
      const cin = input[input.length - 1] ?? 0;
      const [kh, kw] = layer.kernel;
      const weights = kh * kw * cin * layer.filters;
      const extra = layer.norm === 'batchnorm' ? 2 * layer.filters : layer.filters;
      const [oh, ow] = base.output;
      const macs = input.length === 3 ? oh * ow * layer.filters * kh * kw * cin : 0;
      const bad =
        layer.filters < 1 || layer.stride < 1
          ? `needs positive filters and stride (got ${layer.filters}, ${layer.stride})`
          : base.problem;
      return { output: base.output, params: weights + extra, macs, ...(bad ? { problem: bad } : {}) };
    }
    case 'maxpool':
    case 'avgpool':
      return windowed(input, layer.kernel, layer.stride, layer.padding, input[input.length - 1] ?? 0);
    case 'global-avgpool':
      if (input.length !== 3) {
        return {
          output: input,
          params: 0,
          macs: 0,
          problem: `expects a H×W×C grid but receives ${formatShape(input)}`,
        };
      }
      return { output: [input[2]], params: 0, macs: 0 };
    case 'dropout':
      return { output: input, params: 0, macs: 0 };
    case 'dense': {
      const features = input.length === 1 ? input[0] : input.reduce((a, b) => a * b, 1);
      const problem =
        input.length === 1
          ? undefined
          : `expects a feature vector but receives ${formatShape(input)}; add a global pool`;
      return {
        output: [layer.units],
        params: features * layer.units + layer.units,
        macs: features * layer.units,
        ...(problem ? { problem } : {}),
      };
    }
  }
}
