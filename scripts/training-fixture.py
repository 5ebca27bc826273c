#!/usr/bin/python3
"""The training reference of fixtures/training/ (see its README.md), computed by PyTorch in float64.

A generic interpreter of the app's network definitions (src/model/types.ts, as JSON) — not timm, whose
modules pad symmetrically — with TensorFlow's "same" padding, training-mode batch norm and the
contracts of notes/learning-spec.md §2. For each fixture folder written by scripts/training-fixture.ts
it reads definition.json, weights.safetensors, batch.safetensors and batch.json, and writes
expected.safetensors (float32) and expected.json: the loss, the gradient of every parameter, BN running
statistics after the forward pass, and the parameters after one step of RMSProp (TensorFlow's) and SGD
with momentum (PyTorch's), with gradient clipping and with L2 weight decay.

Run from the repository root with Debian's Python (python3-torch 1.13, python3-numpy):
    /usr/bin/python3 scripts/training-fixture.py                 # every fixtures/training/<name>/
    /usr/bin/python3 scripts/training-fixture.py --check-timm DIR  # the interpreter against timm's logits
    /usr/bin/python3 scripts/training-fixture.py --find-batch NAME [START]  # a batchVariant clear of ties
--check-timm runs the released Inception-v4 and Inception-ResNet-v2 definitions (JSON written by
`npx tsx scripts/training-fixture.ts --timm-definitions DIR`) with the recipe weights of
fixtures/timm/recipe.md, generated here, on the recipe's noise and pattern inputs, in eval mode, and
compares with timm's float64 logits in fixtures/timm/<model>.<input>.json. A fixture whose batch puts
two values of a max pool window closer than MAX_POOL_MARGIN is refused (see there); --find-batch gives
the first batchVariant (src/testing/training-fixture.ts) that keeps them apart.
"""
import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True  # no __pycache__ in scripts/
import training_fixture_interpreter as interp  # noqa: E402  (beside this file)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
FIXTURES = os.path.join(ROOT, 'fixtures', 'training')

LABEL_SMOOTHING = 0.1
RMSPROP = {'learningRate': 0.045, 'decay': 0.9, 'epsilon': 1.0, 'momentum': 0.9}
SGD = {'learningRate': 0.1, 'momentum': 0.9}
WEIGHT_DECAY = 4e-5
# The smallest gap between a max pool window's two largest values that a fixture accepts. PyTorch's own
# float32 forward differs from float64 by up to ~2e-6 at the small network's Reduction-A pool; a gap
# below that lets float32 pick the other cell and send the window's whole gradient there (a batch with
# a 5e-9 gap moved every gradient before that pool by 0.6% of its largest value). 1e-4 leaves 50×.
MAX_POOL_MARGIN = 1e-4


# ---- safetensors (the format is an 8-byte little-endian header length, a JSON header, raw data) ----

DTYPES = {'F32': np.float32, 'F64': np.float64, 'I32': np.int32, 'I64': np.int64}


def read_safetensors(path):
    with open(path, 'rb') as f:
        data = f.read()
    (length,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + length])
    tensors = {}
    for name, entry in header.items():
        if name == '__metadata__':
            continue
        begin, end = entry['data_offsets']
        raw = data[8 + length + begin:8 + length + end]
        tensors[name] = np.frombuffer(raw, dtype=DTYPES[entry['dtype']]).reshape(entry['shape']).copy()
    return tensors


def write_safetensors(path, tensors, metadata=None):
    """tensors: list of (name, array); written as F32 in the given order, header padded with spaces to 8."""
    parts, offset, blobs = {}, 0, []
    if metadata:
        parts['__metadata__'] = metadata
    for name, array in tensors:
        blob = np.ascontiguousarray(array, dtype='<f4').tobytes()
        parts[name] = {'dtype': 'F32', 'shape': list(array.shape), 'data_offsets': [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    header = json.dumps(parts, separators=(',', ':')).encode()
    header += b' ' * (-len(header) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(header)) + header + b''.join(blobs))


# ---- one training step ----

def smoothed_cross_entropy(logits, labels, classes):
    """Mean over the batch of −Σ_k t_k log softmax(z)_k with t = (1 − ls)·onehot + ls/K."""
    target = (1 - LABEL_SMOOTHING) * F.one_hot(labels, classes).to(logits.dtype) + LABEL_SMOOTHING / classes
    return -(target * F.log_softmax(logits, dim=1)).sum(dim=1).mean()


def rmsprop_step(params, grads):
    """TensorFlow's RMSProp (tf.compat.v1.train.RMSPropOptimizer, the paper's), one step from ms = mom = 0:
    ms ← d·ms + (1 − d)·g², mom ← μ·mom + lr·g/√(ms + ε), θ ← θ − mom. Written by hand: torch.optim.RMSprop
    puts ε outside the square root (g/(√v + ε)) and the learning rate outside the momentum buffer, so with
    ε = 1.0 it computes something else."""
    d, eps, mu, lr = RMSPROP['decay'], RMSPROP['epsilon'], RMSPROP['momentum'], RMSPROP['learningRate']
    out = {}
    for name, theta in params.items():
        g = grads[name]
        ms = d * torch.zeros_like(g) + (1 - d) * g * g
        mom = mu * torch.zeros_like(g) + lr * g / torch.sqrt(ms + eps)
        out[name] = theta.detach() - mom
    return out


def sgd_step(params, grads, decayed=()):
    """PyTorch's SGD with momentum (torch.optim.SGD, dampening 0): buf ← g on the first step, θ ← θ − lr·buf;
    weight_decay adds wd·θ to g, here only for the tensors named in `decayed` (conv and dense weights)."""
    copies = {name: theta.detach().clone().requires_grad_(True) for name, theta in params.items()}
    groups = [
        {'params': [copies[n] for n in params if n not in decayed], 'weight_decay': 0.0},
        {'params': [copies[n] for n in params if n in decayed], 'weight_decay': WEIGHT_DECAY},
    ]
    optimizer = torch.optim.SGD([g for g in groups if g['params']], lr=SGD['learningRate'], momentum=SGD['momentum'])
    for name, copy in copies.items():
        copy.grad = grads[name].clone()
    optimizer.step()
    return {name: copy.detach() for name, copy in copies.items()}


def check_finite_differences(definition, weights, x, labels, grads):
    """Central differences of the loss (float64) against autograd, for the largest-gradient element of a few
    parameters spread over the network (first convs, BN γ and β, biases, the dense layer). A ReLU input or
    a max pool gap within h of its kink bends a difference quotient (one did at h = 1e-6 and 1e-7), so the
    check passes when h = 1e-6, 1e-7 or 1e-8 agrees to 1e-6; a wrong gradient agrees at none."""
    names = list(grads)
    picks = sorted({0, 1, 2, len(names) // 2, len(names) - 3, len(names) - 2, len(names) - 1})

    def loss_at(name, element, delta):
        state = {n: torch.from_numpy(w).to(torch.float64) for n, w in weights.items()}
        state[name].view(-1)[element] += delta
        with torch.no_grad():
            logits = interp.Interpreter(definition, state, training=True).run(x)
            return smoothed_cross_entropy(logits, labels, definition['classes']).item()

    for index in picks:
        name = names[index]
        element = int(np.argmax(np.abs(grads[name].numpy()).reshape(-1)))
        analytic = grads[name].view(-1)[element].item()
        numeric = [(loss_at(name, element, h) - loss_at(name, element, -h)) / (2 * h) for h in (1e-6, 1e-7, 1e-8)]
        if min(abs(n - analytic) for n in numeric) > 1e-6 * max(1.0, abs(analytic)):
            raise SystemExit(f'{name}[{element}]: autograd {analytic} but finite differences {numeric}')


def float32_deviation(definition, weights, trainable, x, labels, loss, grads):
    """How far PyTorch's own float32 computation of the same step lands from this reference: a yardstick
    for the tolerances of a float32 engine's parity test. Gradients: the largest |g32 − g64| of each tensor
    over the largest |g64| of all gradients (a tensor whose gradient is ~0, such as a bias that a
    training-mode batch norm cancels, has no meaningful relative error)."""
    state = {n: torch.from_numpy(w).requires_grad_(n in trainable) for n, w in weights.items()}
    logits = interp.Interpreter(definition, state, training=True).run(x.to(torch.float32))
    loss32 = smoothed_cross_entropy(logits, labels, definition['classes'])
    loss32.backward()
    scale = max(float(g.abs().max()) for g in grads.values())
    worst = max(float((state[n].grad.double() - grads[n]).abs().max()) for n in trainable)
    return {'loss': abs(loss32.item() - loss), 'gradRelativeToLargest': worst / scale, 'largestGrad': scale}


def make_fixture(folder):
    definition = json.load(open(os.path.join(folder, 'definition.json')))
    weights = read_safetensors(os.path.join(folder, 'weights.safetensors'))
    images = read_safetensors(os.path.join(folder, 'batch.safetensors'))['images']
    labels = torch.tensor(json.load(open(os.path.join(folder, 'batch.json')))['labels'], dtype=torch.int64)
    classes = definition['classes']

    tensors = interp.network_tensors(definition)
    if [t['name'] for t in tensors] != list(weights):
        raise SystemExit(f'{folder}: weights.safetensors does not hold the tensors of definition.json in order')
    statistics = [t['name'] for t in tensors if t['kind'] in ('bn_running_mean', 'bn_running_var')]
    trainable = [t['name'] for t in tensors if t['name'] not in statistics]
    decayed = {t['name'] for t in tensors if t['kind'] in ('conv_weight', 'linear_weight')}
    x = torch.from_numpy(images).to(torch.float64).permute(0, 3, 1, 2).contiguous()

    # Eval mode first (the initial running statistics), then the training step's forward and backward.
    with torch.no_grad():
        state = {n: torch.from_numpy(w).to(torch.float64) for n, w in weights.items()}
        eval_logits = interp.Interpreter(definition, state, training=False).run(x)
    params = {n: torch.from_numpy(weights[n]).to(torch.float64).requires_grad_(True) for n in trainable}
    running = {n: torch.from_numpy(weights[n]).to(torch.float64) for n in statistics}
    net = interp.Interpreter(definition, {**params, **running}, training=True, kinks=True)
    logits = net.run(x)
    if net.kinks['maxPoolGap'] < MAX_POOL_MARGIN:
        raise SystemExit(f'{folder}: a max pool window\'s two largest values are {net.kinks["maxPoolGap"]:.3g} '
                         f'apart (< {MAX_POOL_MARGIN}): choose another batchVariant in src/testing/training-fixture.ts '
                         f'(`/usr/bin/python3 scripts/training-fixture.py --find-batch {os.path.basename(folder)}`)')
    loss = smoothed_cross_entropy(logits, labels, classes)
    reference = F.cross_entropy(logits, labels, label_smoothing=LABEL_SMOOTHING)
    assert abs(loss.item() - reference.item()) < 1e-12, (loss.item(), reference.item())
    loss.backward()
    grads = {n: p.grad.detach() for n, p in params.items()}
    check_finite_differences(definition, weights, x, labels, grads)
    norm = math.sqrt(sum(float((g * g).sum()) for g in grads.values()))
    clip = float(f'{norm / 2:.3g}')  # half the measured norm, so clipping scales every gradient by ≈ 0.5
    clipped = {n: g * (clip / max(norm, clip)) for n, g in grads.items()}

    steps = {
        'rmsprop': rmsprop_step(params, grads),
        'sgd': sgd_step(params, grads),
        'rmsprop_clipped': rmsprop_step(params, clipped),
        'sgd_weight_decay': sgd_step(params, grads, decayed),
    }
    out = [('logits', logits.detach()), ('eval_logits', eval_logits)]
    out += [(f'grad.{n}', grads[n]) for n in trainable]
    out += [(f'running.{n}', net.state[n]) for n in statistics]
    for prefix, values in steps.items():
        out += [(f'{prefix}.{n}', values[n]) for n in trainable]
    write_safetensors(os.path.join(folder, 'expected.safetensors'),
                      [(n, t.numpy().astype(np.float32)) for n, t in out], {'format': 'pt'})
    scalars = {
        'torch': torch.__version__, 'dtype': 'float64 (written as float32)',
        'loss': loss.item(), 'gradNorm': norm,
        'labelSmoothing': LABEL_SMOOTHING,
        'batchNorm': {'epsilon': interp.BN_EPSILON, 'momentum': interp.BN_MOMENTUM},
        'rmsprop': RMSPROP, 'sgd': SGD, 'clipNorm': clip, 'weightDecay': WEIGHT_DECAY,
        'weightDecayed': [n for n in trainable if n in decayed],
        'parameters': trainable, 'runningStatistics': statistics,
        'kinks': {**net.kinks, 'maxPoolMarginRequired': MAX_POOL_MARGIN},
        'float32PyTorch': float32_deviation(definition, weights, trainable, x, labels, loss.item(), grads),
    }
    with open(os.path.join(folder, 'expected.json'), 'w') as f:
        json.dump(scalars, f, indent=1)
        f.write('\n')
    print(f'{os.path.relpath(folder, ROOT)}: loss {loss.item():.6f}, gradient norm {norm:.6f} (clip at {clip}), '
          f'{len(trainable)} parameters, {len(statistics)} running statistics')


# ---- the interpreter against timm (eval mode, recipe weights) ----

def check_timm(definitions):
    timm_dir = os.path.join(ROOT, 'fixtures', 'timm')
    worst = 0.0
    for model in ('inception_v4', 'inception_resnet_v2'):
        definition = json.load(open(os.path.join(definitions, f'{model}.json')))
        state = {t['name']: torch.from_numpy(interp.recipe_tensor(t['name'], t['shape'], t['kind'])).to(torch.float64)
                 for t in interp.network_tensors(definition)}
        net = interp.Interpreter(definition, state, training=False)
        for name in ('noise', 'pattern'):
            x = torch.from_numpy(interp.recipe_input(name)).to(torch.float64).permute(0, 3, 1, 2).contiguous()
            with torch.no_grad():
                logits = net.run(x)[0].numpy()
            reference = json.load(open(os.path.join(timm_dir, f'{model}.{name}.json')))
            expected = np.array(reference['logits_float64_model'])
            diff = float(np.abs(logits - expected).max())
            worst = max(worst, diff)
            print(f'{model} {name}: max |interpreter − timm float64| = {diff:.3g} '
                  f'(logits up to {np.abs(expected).max():.3g}), top-1 {logits.argmax()} vs {expected.argmax()}')
    if worst > 1e-6:
        raise SystemExit(f'the interpreter differs from timm by {worst:.3g}')


def fixture_images(name, variant, shape):
    """fixtureBatch of src/testing/training-fixture.ts, for the search below."""
    u = interp.hash32(interp.fnv1a32(f'training-fixture/{name}/images/{variant}'), np.arange(int(np.prod(shape))))
    return (2 * (u.astype(np.float64) / 2.0 ** 32) - 1).astype(np.float32).reshape(shape)


def find_batch(name, start=0, tries=200):
    """The first batchVariant from `start` whose training forward keeps every max pool gap ≥ MAX_POOL_MARGIN."""
    folder = os.path.join(FIXTURES, name)
    definition = json.load(open(os.path.join(folder, 'definition.json')))
    weights = read_safetensors(os.path.join(folder, 'weights.safetensors'))
    shape = json.load(open(os.path.join(folder, 'batch.json')))['shape']
    state = {n: torch.from_numpy(w).to(torch.float64) for n, w in weights.items()}
    for variant in range(start, start + tries):
        x = torch.from_numpy(fixture_images(name, variant, shape)).to(torch.float64).permute(0, 3, 1, 2)
        net = interp.Interpreter(definition, state, training=True, kinks=True)
        with torch.no_grad():
            net.run(x.contiguous())
        gap = net.kinks['maxPoolGap']
        print(f'{name} batchVariant {variant}: smallest max pool gap {gap:.3g}')
        if gap >= MAX_POOL_MARGIN:
            return
    raise SystemExit(f'no batchVariant in {start}…{start + tries - 1} keeps the max pool gaps ≥ {MAX_POOL_MARGIN}')


def main(argv):
    torch.set_num_threads(1)
    if len(argv) == 2 and argv[0] == '--check-timm':
        check_timm(argv[1])
        return
    if len(argv) in (2, 3) and argv[0] == '--find-batch':
        find_batch(argv[1], int(argv[2]) if len(argv) == 3 else 0)
        return
    if argv:
        raise SystemExit('usage: /usr/bin/python3 scripts/training-fixture.py '
                         '[--check-timm DIR | --find-batch NAME [START]]')
    names = sorted(n for n in os.listdir(FIXTURES) if os.path.isdir(os.path.join(FIXTURES, n)))
    if not names:
        raise SystemExit(f'no fixture folders in {FIXTURES}: run `npx tsx scripts/training-fixture.ts` first')
    for name in names:
        make_fixture(os.path.join(FIXTURES, name))


if __name__ == '__main__':
    main(sys.argv[1:])
