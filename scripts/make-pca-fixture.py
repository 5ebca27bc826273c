#!/usr/bin/python3
"""Generates fixtures/pca/expected.json: a reference PCA (numpy) for src/runtime/evaluation/pca.ts.

Two small matrices, deterministic (numpy's PCG64 seeded 19), with distinct leading variances so that the
top two axes are well defined: a tall one (60 rows × 12 columns) and a wide one (8 rows × 40 columns,
fewer images than features, as in a small evaluation). For each: the rows, the explained-variance ratio
of the top two components, and each row's coordinates on them, from numpy's eigendecomposition of the
covariance (np.linalg.eigh, float64). Signs are arbitrary: the test compares up to sign.

Run with Debian's Python (apt: python3-numpy), from the repository root:
    /usr/bin/python3 scripts/make-pca-fixture.py
Deterministic; re-running rewrites an identical file. Tests never need Python.
"""
import json
import os

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT = os.path.join(ROOT, 'fixtures', 'pca', 'expected.json')


def case(rng, rows, cols):
    scales = np.linspace(3.0, 0.2, cols)
    x = rng.standard_normal((rows, cols)) * scales + rng.standard_normal(cols) * 5
    x = np.round(x, 6)
    centred = x - x.mean(axis=0)
    covariance = centred.T @ centred / (rows - 1)
    values, vectors = np.linalg.eigh(covariance)
    order = np.argsort(values)[::-1]
    top = vectors[:, order[:2]]
    return {
        'rows': x.tolist(),
        'explained': (values[order[:2]] / values.sum()).tolist(),
        'coordinates': (centred @ top).tolist(),
    }


def main():
    rng = np.random.default_rng(19)
    fixture = {
        'source': 'scripts/make-pca-fixture.py (numpy %s, np.linalg.eigh of the covariance)' % np.__version__,
        'cases': {'tall': case(rng, 60, 12), 'wide': case(rng, 8, 40)},
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump(fixture, f)
        f.write('\n')


if __name__ == '__main__':
    main()
