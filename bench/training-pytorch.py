"""PyTorch's training speed on a network definition, for `npm run bench:training -- --pytorch`: the same
network (the fixture interpreter of scripts/training_fixture_interpreter.py, float32, with PyTorch's own
fused batch norm in training mode), the same batch size, whole steps (forward, backward, RMSProp with
momentum), on this machine's CPU with the given number of threads. Prints one JSON line: the median and
best step's wall time, and the median step's CPU time of this process (time.process_time).

Usage: /usr/bin/python3 bench/training-pytorch.py DEFINITION.json BATCH STEPS THREADS
"""
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'scripts'))
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
import training_fixture_interpreter as interp  # noqa: E402


def batch_norm(self, y, key, channels):
    """PyTorch's fused BatchNorm2d in training mode (batch statistics, running averages updated)."""
    names = [f'{key}.bn.{p}' for p in ('weight', 'bias', 'running_mean', 'running_var')]
    gamma, beta, mean, var = (self.tensor(n, [channels]) for n in names)
    return F.batch_norm(y, mean, var, gamma, beta, training=True, momentum=interp.BN_MOMENTUM, eps=interp.BN_EPSILON)


def main(path, batch, steps, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    definition = json.load(open(path))
    h, w, c = definition['input']
    interp.Interpreter.batch_norm = batch_norm
    state = {}
    for t in interp.network_tensors(definition):
        kind, shape = t['kind'], t['shape']
        if kind in ('conv_weight', 'linear_weight'):
            fan_in = 1
            for d in shape[1:]:
                fan_in *= d
            value = torch.randn(*shape) * (2 / fan_in) ** 0.5
        elif kind in ('bn_weight', 'bn_running_var'):
            value = torch.ones(*shape)
        else:
            value = torch.zeros(*shape)
        state[t['name']] = value.requires_grad_(not kind.startswith('bn_running'))
    parameters = [v for v in state.values() if v.requires_grad]
    optimizer = torch.optim.RMSprop(parameters, lr=0.01, alpha=0.9, eps=1.0, momentum=0.9)
    x = torch.rand(batch, c, h, w) * 2 - 1
    labels = torch.randint(0, definition['classes'], (batch,))

    def step():
        logits = interp.Interpreter(definition, state, training=True).run(x)
        loss = F.cross_entropy(logits, labels, label_smoothing=0.1)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    step()
    times = []
    cpu = []
    for _ in range(steps):
        started, started_cpu = time.perf_counter(), time.process_time()
        step()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    ms = statistics.median(times) * 1000
    best = min(times) * 1000
    cpu_ms = statistics.median(cpu) * 1000
    print(json.dumps({'torch': torch.__version__, 'threads': threads, 'ms': ms, 'bestMs': best, 'cpuMs': cpu_ms,
                      'imagesPerSecond': batch * 1000 / ms, 'bestImagesPerSecond': batch * 1000 / best,
                      'imagesPerCpuSecond': batch * 1000 / cpu_ms}))


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
