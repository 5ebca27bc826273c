"""A PyTorch interpreter of the app's network definitions (src/model/types.ts, as JSON), for
scripts/training-fixture.py. Written from the definition format and TensorFlow's conventions alone (it
imports nothing of the app's and nothing of timm's), so it is an independent check of the executor:

- tensors are named as src/model/analysis/checkpoint.ts names them (timm names, PyTorch layouts): the
  key of a layer is the dot-join of the `key` segments on its path, a repeat adding `keys[i]`;
- conv: TensorFlow "same" padding per axis (out = ceil(size / stride), pad_total = max((out − 1)·stride
  + k − size, 0), floor(total / 2) before, the rest after), "valid" none; "batchnorm" convs have no bias
  and are followed by BatchNorm (ε = 1e-3) and the activation, "bias" convs add their bias;
- batch norm in training mode normalises with the batch mean and the biased batch variance over
  (N, H, W) and updates the running statistics as PyTorch does (momentum 0.1, the unbiased variance);
  in eval mode it uses the running statistics;
- max pool pads "same" with −∞; average pool "same" takes the mean over the cells inside the input;
- concat along channels in branch order; residual act(x + scale·r); global average pool; dropout is the
  identity (disabled); dense x·Wᵀ + b.
Tensors are NCHW inside (the fixture's NHWC images are transposed on the way in).
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

BN_EPSILON = 1e-3
BN_MOMENTUM = 0.1


def join_key(prefix, segment):
    if segment is None:
        return prefix
    return f'{prefix}.{segment}' if prefix else segment


def tf_pads(size, kernel, stride, padding):
    """(before, after) padding of one axis, as TensorFlow places its windows."""
    if padding == 'valid':
        return 0, 0
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def pad_tf(x, kernel, stride, padding, value=0.0):
    top, bottom = tf_pads(x.shape[2], kernel[0], stride, padding)
    left, right = tf_pads(x.shape[3], kernel[1], stride, padding)
    if top == bottom == left == right == 0:
        return x
    return F.pad(x, (left, right, top, bottom), value=value)


def walk_layers(definition):
    """(full key, layer) of every conv and dense layer in definition order (checkpointTensors' order)."""
    def visit(node, prefix):
        key = join_key(prefix, node.get('key'))
        kind = node['kind']
        if kind in ('conv', 'dense'):
            yield key, node
        elif kind == 'sequence':
            for child in node['children']:
                yield from visit(child, key)
        elif kind == 'concat':
            for branch in node['branches']:
                yield from visit(branch, key)
        elif kind == 'residual':
            yield from visit(node['residual'], key)
        elif kind == 'repeat':
            keys = node.get('keys')
            for i in range(node['count']):
                yield from visit(node['body'], join_key(key, keys[i] if keys else None))
    for stage in definition['stages']:
        yield from visit(stage, None)


def network_tensors(definition):
    """The checkpoint tensors (name, kind, shape) of a definition, as checkpointTensors lists them."""
    tensors = []
    shapes = shape_walk(definition)
    for key, layer in walk_layers(definition):
        if key is None:
            raise ValueError(f'a {layer["kind"]} layer has no checkpoint key')
        cin = shapes[key]
        if layer['kind'] == 'dense':
            tensors += [{'name': f'{key}.weight', 'kind': 'linear_weight', 'shape': [layer['units'], cin]},
                        {'name': f'{key}.bias', 'kind': 'linear_bias', 'shape': [layer['units']]}]
            continue
        weight = [layer['filters'], cin, *layer['kernel']]
        vector = [layer['filters']]
        if layer['norm'] == 'bias':
            tensors += [{'name': f'{key}.weight', 'kind': 'conv_weight', 'shape': weight},
                        {'name': f'{key}.bias', 'kind': 'conv_bias', 'shape': vector}]
        else:
            tensors += [{'name': f'{key}.conv.weight', 'kind': 'conv_weight', 'shape': weight}]
            tensors += [{'name': f'{key}.bn.{p}', 'kind': f'bn_{p}', 'shape': vector}
                        for p in ('weight', 'bias', 'running_mean', 'running_var')]
    return tensors


def shape_walk(definition):
    """Input channels (or features, after global pooling) of every keyed weighted layer: a dry run on zeros."""
    seen = {}
    net = Interpreter(definition, {}, training=False, record=seen)
    h, w, c = definition['input']
    with torch.no_grad():
        net.run(torch.zeros(1, c, h, w, dtype=torch.float64))
    return seen


class Interpreter:
    """Runs a definition on NCHW float64 input. `state` maps tensor names to tensors (parameters may require
    grad); in training mode the running statistics in `self.state` are replaced by their updated values."""

    def __init__(self, definition, state, training, record=None, kinks=False):
        self.definition = definition
        self.state = dict(state)
        self.training = training
        self.record = record  # shape dry run: input channels by key, zero weights made up on the way
        self.visited = set()
        # With kinks: the distance of this forward from the points where its gradient jumps (see max_pool_gap).
        self.kinks = {'maxPoolGap': math.inf, 'reluMargin': math.inf} if kinks else None

    def run(self, x):
        self.visited = set()
        for stage in self.definition['stages']:
            x = self.node(stage, x, None)
        return x

    def tensor(self, name, shape):
        if self.record is not None:
            return torch.zeros(shape, dtype=torch.float64)
        t = self.state.get(name)
        if t is None:
            raise KeyError(f'the weights have no tensor "{name}"')
        if list(t.shape) != list(shape):
            raise ValueError(f'tensor "{name}" has shape {list(t.shape)}, the definition needs {list(shape)}')
        return t

    def node(self, node, x, prefix):
        key = join_key(prefix, node.get('key'))
        kind = node['kind']
        if kind == 'sequence':
            for child in node['children']:
                x = self.node(child, x, key)
            return x
        if kind == 'concat':
            return torch.cat([self.node(b, x, key) for b in node['branches']], dim=1)
        if kind == 'residual':
            scale = node['scale']
            if not isinstance(scale, (int, float)):
                raise ValueError(f'residual {key}: the scale is a range {scale}; only a fixed scale can run')
            y = x + scale * self.node(node['residual'], x, key)
            return self.relu(y) if node['activation'] == 'relu' else y
        if kind == 'repeat':
            keys = node.get('keys')
            for i in range(node['count']):
                x = self.node(node['body'], x, join_key(key, keys[i] if keys else None))
            return x
        if kind in ('conv', 'dense'):
            if key in self.visited:
                raise ValueError(f'layer key "{key}" is used twice')
            self.visited.add(key)
            if self.record is not None:
                self.record[key] = x.shape[1]
            return self.conv(node, x, key) if kind == 'conv' else self.dense(node, x, key)
        if kind == 'maxpool':
            k, s = node['kernel'], node['stride']
            padded = pad_tf(x, k, s, node['padding'], -math.inf)
            if self.kinks is not None:
                self.kinks['maxPoolGap'] = min(self.kinks['maxPoolGap'], max_pool_gap(padded.detach(), k, s))
            return F.max_pool2d(padded, k, s)
        if kind == 'avgpool':
            k, s = node['kernel'], node['stride']
            sums = F.avg_pool2d(pad_tf(x, k, s, node['padding']), k, s, divisor_override=1)
            ones = torch.ones(1, 1, x.shape[2], x.shape[3], dtype=x.dtype)
            counts = F.avg_pool2d(pad_tf(ones, k, s, node['padding']), k, s, divisor_override=1)
            return sums / counts
        if kind == 'global-avgpool':
            return x.mean(dim=(2, 3))
        if kind == 'dropout':
            return x  # disabled: the fixture's step is deterministic
        raise ValueError(f'unknown node kind "{kind}"')

    def conv(self, layer, x, key):
        k, s, cin = layer['kernel'], layer['stride'], x.shape[1]
        shape = [layer['filters'], cin, *k]
        bias = layer['norm'] == 'bias'
        weight = self.tensor(f'{key}.weight' if bias else f'{key}.conv.weight', shape)
        y = F.conv2d(pad_tf(x, k, s, layer['padding']), weight, stride=s)
        if bias:
            y = y + self.tensor(f'{key}.bias', [layer['filters']]).view(1, -1, 1, 1)
        else:
            y = self.batch_norm(y, key, layer['filters'])
        return self.relu(y) if layer['activation'] == 'relu' else y

    def relu(self, y):
        if self.kinks is not None:
            self.kinks['reluMargin'] = min(self.kinks['reluMargin'], float(y.detach().abs().min()))
        return F.relu(y)

    def batch_norm(self, y, key, channels):
        gamma, beta, mean_name, var_name = (f'{key}.bn.{p}' for p in ('weight', 'bias', 'running_mean', 'running_var'))
        gamma, beta = self.tensor(gamma, [channels]), self.tensor(beta, [channels])
        running_mean, running_var = self.tensor(mean_name, [channels]), self.tensor(var_name, [channels])
        if self.training and self.record is None:
            mean = y.mean(dim=(0, 2, 3))
            var = ((y - mean.view(1, -1, 1, 1)) ** 2).mean(dim=(0, 2, 3))  # biased: normalises
            n = y.shape[0] * y.shape[2] * y.shape[3]
            with torch.no_grad():
                self.state[mean_name] = (1 - BN_MOMENTUM) * running_mean + BN_MOMENTUM * mean
                self.state[var_name] = (1 - BN_MOMENTUM) * running_var + BN_MOMENTUM * var * n / (n - 1)
                check_against_torch(y, gamma, beta, running_mean, running_var, self.state[mean_name],
                                    self.state[var_name], mean, var, key)
        else:
            mean, var = running_mean, running_var
        normalised = (y - mean.view(1, -1, 1, 1)) / torch.sqrt(var.view(1, -1, 1, 1) + BN_EPSILON)
        return normalised * gamma.view(1, -1, 1, 1) + beta.view(1, -1, 1, 1)

    def dense(self, layer, x, key):
        if x.dim() != 2:
            raise ValueError(f'dense layer {key} follows a {list(x.shape[1:])} grid; it must follow global pooling')
        weight = self.tensor(f'{key}.weight', [layer['units'], x.shape[1]])
        return x @ weight.t() + self.tensor(f'{key}.bias', [layer['units']])


def max_pool_gap(padded, kernel, stride):
    """The smallest difference between the largest and the second largest value of a max pool's windows:
    where it is small, a float32 forward may pick the other cell and send the window's whole gradient
    there. Windows whose two largest values are both exactly 0 are left out (ReLU zeros: the gradient
    through either is 0)."""
    n, c, h, w = padded.shape
    windows = F.unfold(padded.reshape(n * c, 1, h, w), kernel, stride=stride)
    top = windows.topk(2, dim=1).values
    gaps = top[:, 0] - top[:, 1]
    gaps = gaps[(top[:, 0] != 0) | (top[:, 1] != 0)]
    return float(gaps.min()) if gaps.numel() else math.inf


def check_against_torch(y, gamma, beta, running_mean, running_var, new_mean, new_var, mean, var, key):
    """The rules written out above are PyTorch's: F.batch_norm in training mode gives the same output and
    running statistics (to float64 rounding)."""
    with torch.no_grad():
        rm, rv = running_mean.detach().clone(), running_var.detach().clone()
        out = F.batch_norm(y.detach(), rm, rv, gamma.detach(), beta.detach(), True, BN_MOMENTUM, BN_EPSILON)
        ours = (y.detach() - mean.view(1, -1, 1, 1)) / torch.sqrt(var.view(1, -1, 1, 1) + BN_EPSILON)
        ours = ours * gamma.detach().view(1, -1, 1, 1) + beta.detach().view(1, -1, 1, 1)
        rtol, atol = (1e-10, 1e-12) if y.dtype == torch.float64 else (1e-4, 1e-5)
        for a, b, what in ((out, ours, 'output'), (rm, new_mean, 'running_mean'), (rv, new_var, 'running_var')):
            if not torch.allclose(a, b, rtol=rtol, atol=atol):
                raise AssertionError(f'{key}: batch norm {what} differs from torch.nn.functional.batch_norm')


# ---- the recipe of fixtures/timm/recipe.md, for the check against timm ----

M32 = 0xFFFFFFFF


def fnv1a32(text):
    h = 0x811C9DC5
    for byte in text.encode('utf-8'):
        h = ((h ^ byte) * 0x01000193) & M32
    return h


def hash32(seed, i):
    """hash32(seed, i) for an array of indices i (uint64 arithmetic, reduced mod 2^32 at each step)."""
    x = (np.uint64(seed) ^ ((i.astype(np.uint64) * np.uint64(0x9E3779B9)) & np.uint64(M32)))
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x7FEB352D)) & np.uint64(M32)
    x ^= x >> np.uint64(15)
    x = (x * np.uint64(0x846CA68B)) & np.uint64(M32)
    x ^= x >> np.uint64(16)
    return x


def recipe_tensor(name, shape, kind):
    u = hash32(fnv1a32(name), np.arange(int(np.prod(shape)))).astype(np.float64) / 2.0 ** 32
    if kind == 'conv_weight':
        value = (2 * u - 1) * math.sqrt(3) * math.sqrt(2 / (shape[1] * shape[2] * shape[3]))
    elif kind == 'conv_bias':
        value = 0.05 * (2 * u - 1)
    elif kind == 'bn_weight':
        value = 0.8 + 0.4 * u
    elif kind == 'bn_bias':
        value = 0.2 * (2 * u - 1)
    elif kind == 'bn_running_mean':
        value = 0.1 * (2 * u - 1)
    elif kind == 'bn_running_var':
        value = 0.5 + u
    elif kind == 'linear_weight':
        value = (2 * u - 1) * math.sqrt(3) * math.sqrt(1 / shape[1])
    elif kind == 'linear_bias':
        value = 0.01 * (2 * u - 1)
    else:
        raise ValueError(f'unknown tensor kind {kind}')
    return value.astype(np.float32).reshape(shape)


def recipe_input(name, size=299):
    """The recipe's inputs, NHWC [1, size, size, 3] float32."""
    if name == 'noise':
        x = 2 * (hash32(0x1234567, np.arange(size * size * 3)).astype(np.float64) / 2.0 ** 32) - 1
        return x.astype(np.float32).reshape(1, size, size, 3)
    h, w, c = np.meshgrid(np.arange(size), np.arange(size), np.arange(3), indexing='ij')
    x = np.sin(0.07 * h * (c + 1) + 0.05 * w) * np.cos(0.03 * w * (c + 1) - 0.02 * h)
    return x.astype(np.float32).reshape(1, size, size, 3)
