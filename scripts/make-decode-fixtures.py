#!/usr/bin/python3
"""Adds the decoding fixtures that need only PIL to fixtures/preprocess/ (the rest come from
make-preprocess-fixtures.py, which also needs torch):

- cmyk.jpg: the 4:4:4 test photo as an Adobe CMYK JPEG (inverted, as PIL and Photoshop write it), with
  60 % of the grey moved to the K channel; cmyk.jpg.pil.png is what PIL decodes (`convert('RGB')`).
- corrupt-middle.jpg: the same photo with 2000 seeded random bytes over the middle of its entropy-coded
  data; PIL refuses it ("broken data stream"), as Chromium does.

Run with Debian's Python (apt: python3-pil python3-numpy), from the repository root:
    /usr/bin/python3 scripts/make-decode-fixtures.py
Deterministic; re-running rewrites identical files. Tests never need Python.
"""
import io
import os
import random

import numpy as np
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'preprocess')


def png_bytes(img):
    buf = io.BytesIO()
    img.save(buf, format='PNG', optimize=True)
    return buf.getvalue()


def write(name, data):
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)


def main():
    rgb = np.asarray(Image.open(os.path.join(OUT, 'photo-444.jpg.pil.png')).convert('RGB')).astype(np.float64)
    c, m, y = 255 - rgb[..., 0], 255 - rgb[..., 1], 255 - rgb[..., 2]
    k = np.minimum(np.minimum(c, m), y) * 0.6
    cmyk = np.clip(np.rint(np.stack([c - k, m - k, y - k, k], axis=-1)), 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(cmyk, 'CMYK').save(buf, format='JPEG', quality=95)
    data = buf.getvalue()
    decoded = Image.open(io.BytesIO(data))
    assert decoded.mode == 'CMYK' and 'adobe' in decoded.info, 'expected an Adobe CMYK JPEG'
    write('cmyk.jpg', data)
    write('cmyk.jpg.pil.png', png_bytes(decoded.convert('RGB')))

    jpeg = open(os.path.join(OUT, 'photo-444.jpg'), 'rb').read()
    middle = len(jpeg) // 2
    rnd = random.Random(2000)
    corrupt = jpeg[:middle] + bytes(rnd.randrange(256) for _ in range(2000)) + jpeg[middle + 2000:]
    try:
        Image.open(io.BytesIO(corrupt)).load()
        raise SystemExit('PIL decoded corrupt-middle.jpg; pick another seed')
    except OSError as error:
        print(f'corrupt-middle.jpg: PIL refuses it ({error})')
    write('corrupt-middle.jpg', corrupt)


if __name__ == '__main__':
    main()
