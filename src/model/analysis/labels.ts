/** How the paper writes a node: "1×7 conv, 160", "3×3 max pool, s2, V", "1×1 conv, 1154, Linear". */
import type { Kernel, Node, ResidualScale } from '../types.ts';

export function kernelLabel(kernel: Kernel): string {
  return `${kernel[0]}×${kernel[1]}`;
}

export function scaleLabel(scale: ResidualScale): string {
  return typeof scale === 'number' ? `×${scale}` : `×${scale.min}–${scale.max}`;
}

function windowSuffix(stride: number, padding: 'same' | 'valid'): string {
  return `${stride > 1 ? `, s${stride}` : ''}${padding === 'valid' ? ', V' : ''}`;
}

export function nodeLabel(node: Node): string {
  switch (node.kind) {
    case 'conv':
      return `${kernelLabel(node.kernel)} conv, ${node.filters}${windowSuffix(node.stride, node.padding)}${node.activation === 'linear' ? ', Linear' : ''}`;
    case 'maxpool':
      return `${kernelLabel(node.kernel)} max pool${windowSuffix(node.stride, node.padding)}`;
    case 'avgpool':
      return `${kernelLabel(node.kernel)} avg pool${windowSuffix(node.stride, node.padding)}`;
    case 'global-avgpool':
      return node.name ?? 'Global average pool';
    case 'dropout':
      return `Dropout (keep ${node.keep})`;
    case 'dense':
      return `Fully connected, ${node.units}`;
    case 'sequence':
      return node.name ?? 'Sequence';
    case 'concat':
      return node.name ?? 'Filter concat';
    case 'residual':
      return node.name ?? `Residual ${scaleLabel(node.scale)}`;
    case 'repeat': {
      return `${node.count} × ${nodeLabel(node.body)}`;
    }
  }
}
