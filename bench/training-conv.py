"""PyTorch's side of `npm run bench:training-conv`: CPU milliseconds (time.process_time, median of the
repeats) of one convolution's forward and of its backward (dx and dW together, as autograd runs them) on this
machine's CPU with the given threads, for each shape given as JSON [[n, size, cin, cout, k], ...] ("same"
padding, stride 1). Prints one JSON line: a list of {forward, backward} in the shapes' order.

Usage: /usr/bin/python3 bench/training-conv.py SHAPES_JSON REPEATS THREADS
"""
import json
import statistics
import sys
import time

import torch
import torch.nn.functional as F


def cpu_ms(work, repeats):
    times = []
    for _ in range(repeats):
        started = time.process_time()
        work()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def main(shapes, repeats, threads):
    torch.set_num_threads(threads)
    out = []
    for n, size, cin, cout, k in shapes:
        x = torch.randn(n, cin, size, size, requires_grad=True)
        w = torch.randn(cout, cin, k, k, requires_grad=True)
        y = F.conv2d(x, w, padding=k // 2)
        dy = torch.randn_like(y)
        forward = cpu_ms(lambda: F.conv2d(x, w, padding=k // 2), repeats)
        backward = cpu_ms(lambda: torch.autograd.grad(y, [x, w], dy, retain_graph=True), repeats)
        out.append({'forward': forward, 'backward': backward})
    print(json.dumps(out))


if __name__ == '__main__':
    main(json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
