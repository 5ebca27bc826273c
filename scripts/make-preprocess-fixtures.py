#!/usr/bin/python3
"""Generates fixtures/preprocess/: test images and what PIL + torchvision make of them.

The reference is timm's eval transform for the tf_in1k checkpoints, built from torchvision as timm does:
    Image.open(f) -> ImageOps.exif_transpose -> .convert('RGB')
    -> transforms.Resize(floor(299 / crop_pct), BICUBIC) -> CenterCrop(299) -> ToTensor -> Normalize(0.5, 0.5)

Run with Debian's Python (apt: python3-pil python3-numpy python3-torchvision), from the repository root:
    /usr/bin/python3 scripts/make-preprocess-fixtures.py
Everything is deterministic; re-running rewrites identical files. Tests never need Python.
"""
import hashlib
import io
import json
import math
import os
import struct
import sys
import zlib

import numpy as np
import PIL
import torch
import torchvision
from PIL import Image, ImageDraw, ImageOps
from torchvision import transforms as T

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'preprocess')
INPUT_SIZE = 299
MODELS = {'inception-v4': 0.875, 'inception-resnet-v2': 0.8975}
MEAN = (0.5, 0.5, 0.5)
STD = (0.5, 0.5, 0.5)


def scene(width, height, seed):
    """Synthetic 'photo': smooth gradients and shapes (compress well), hard black/white edges (bicubic
    overshoot, so clipping is exercised) and a band of noise (every rounding path is exercised)."""
    rng = np.random.RandomState(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    u, v = x / max(width - 1, 1), y / max(height - 1, 1)
    img = np.stack([
        255 * u,
        255 * (0.5 + 0.5 * np.sin(6.0 * u + 4.0 * v + seed)),
        255 * (1 - v),
    ], axis=-1)
    pil = Image.fromarray(np.clip(np.rint(img), 0, 255).astype(np.uint8), 'RGB')
    draw = ImageDraw.Draw(pil)
    for i in range(6):
        cx, cy = rng.randint(0, width), rng.randint(0, height)
        r = max(2, int(rng.uniform(0.05, 0.25) * min(width, height)))
        color = tuple(int(c) for c in rng.randint(0, 256, 3))
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=color)
    # A checkerboard of pure black and white: the strongest overshoot a bicubic kernel can produce.
    cell = max(1, min(width, height) // 24)
    x0, y0 = width // 3, height // 3
    for j in range(6):
        for i in range(6):
            if (i + j) % 2 == 0:
                draw.rectangle([x0 + i * cell, y0 + j * cell, x0 + (i + 1) * cell - 1, y0 + (j + 1) * cell - 1],
                               fill=(255, 255, 255))
            else:
                draw.rectangle([x0 + i * cell, y0 + j * cell, x0 + (i + 1) * cell - 1, y0 + (j + 1) * cell - 1],
                               fill=(0, 0, 0))
    arr = np.asarray(pil).copy()
    band = slice(height // 2, min(height, height // 2 + min(16, max(1, height // 12))))
    arr[band] = rng.randint(0, 256, arr[band].shape, dtype=np.uint8)
    return arr


def rgb_image(width, height, seed):
    return Image.fromarray(scene(width, height, seed), 'RGB')


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def write(name, data):
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)


def png_bytes(img):
    buf = io.BytesIO()
    img.save(buf, format='PNG', optimize=True)
    return buf.getvalue()


def png16_bytes(rgb8, seed):
    """A 16-bit-per-channel RGB PNG (PIL can't write one): high byte from `rgb8`, a varying low byte, so a
    decoder that rounds to 8 bits instead of taking the high byte (as PIL, sharp and Chromium do) differs."""
    h, w, _ = rgb8.shape
    y, x = np.mgrid[0:h, 0:w]
    low = ((x * 7 + y * 13 + seed)[..., None] + np.arange(3) * 85) % 256
    rows = (rgb8.astype('>u2') << 8 | low.astype('>u2')).astype('>u2').reshape(h, w * 3)
    raw = b''.join(b'\0' + row.tobytes() for row in rows)
    chunk = lambda kind, data: (struct.pack('>I', len(data)) + kind + data
                                + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))
    ihdr = struct.pack('>IIBBBBB', w, h, 16, 2, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')


def load_for_model(data):
    """How timm's dataset reads a file (plus the EXIF orientation the spec asks for)."""
    img = Image.open(io.BytesIO(data))
    img = ImageOps.exif_transpose(img)
    return img.convert('RGB')


def plan(width, height, crop_pct):
    """The geometry torchvision computes, spelled out so the JSON documents it."""
    size = math.floor(INPUT_SIZE / crop_pct)
    short, long = (width, height) if width <= height else (height, width)
    new_short, new_long = size, int(size * long / short)
    new_w, new_h = (new_short, new_long) if width <= height else (new_long, new_short)
    top = int(round((new_h - INPUT_SIZE) / 2.0))
    left = int(round((new_w - INPUT_SIZE) / 2.0))
    return {'scaleSize': size, 'resized': [new_w, new_h], 'crop': [left, top]}


def reference(img, crop_pct):
    """uint8 crop by PIL directly, float tensor by torchvision's own transforms; both must agree."""
    p = plan(img.width, img.height, crop_pct)
    resized = img.resize(tuple(p['resized']), Image.BICUBIC)
    left, top = p['crop']
    crop = np.asarray(resized.crop((left, top, left + INPUT_SIZE, top + INPUT_SIZE)))
    transform = T.Compose([
        T.Resize(p['scaleSize'], interpolation=T.InterpolationMode.BICUBIC),
        T.CenterCrop(INPUT_SIZE),
        T.ToTensor(),
        T.Normalize(MEAN, STD),
    ])
    tensor = transform(img).permute(1, 2, 0).contiguous().numpy()  # CHW -> HWC (NHWC with N = 1)
    assert tensor.dtype == np.float32 and tensor.shape == (INPUT_SIZE, INPUT_SIZE, 3)
    from_crop = ((crop.astype(np.float32) / np.float32(255)) - np.float32(0.5)) / np.float32(0.5)
    assert np.array_equal(from_crop, tensor), 'torchvision and the PIL crop disagree'
    return p, crop, tensor


# Images run through the whole pipeline and compared bit-exactly (PNG: lossless, no decoder differences).
def pipeline_cases():
    palette = rgb_image(320, 240, 7).quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    gray = rgb_image(400, 300, 8).convert('L')
    rgba = rgb_image(300, 400, 9).convert('RGBA')
    alpha = np.tile(np.linspace(0, 255, 300).astype(np.uint8), (400, 1))
    alpha[:40] = 0  # fully transparent rows whose colour PIL's convert('RGB') keeps
    rgba.putalpha(Image.fromarray(alpha, 'L'))
    return [
        ('landscape-640x427', rgb_image(640, 427, 1), 'a typical landscape photo size'),
        ('portrait-375x500', rgb_image(375, 500, 2), 'portrait: the width is the shorter side'),
        ('square-512', rgb_image(512, 512, 3), 'square'),
        ('square-341', rgb_image(341, 341, 4), 'already 341: no resize for inception-v4 (crop only)'),
        ('tiny-37x23', rgb_image(37, 23, 5), 'upscaled by ~15x: support not widened, heavy overshoot'),
        ('odd-1001x333', rgb_image(1001, 333, 6), 'odd sizes, 3:1'),
        ('odd-301x1203', rgb_image(301, 1203, 10), 'odd sizes, tall'),
        ('wide-1400x350', rgb_image(1400, 350, 11), 'wide; crop offsets with a .5 to round half to even'),
        ('large-1600x1200', rgb_image(1600, 1200, 12), 'large downscale (~4.7x): long kernels'),
        ('gray-400x300', gray, 'mode L: convert("RGB") replicates the channel'),
        ('palette-320x240', palette, 'mode P: convert("RGB") maps the palette'),
        ('rgba-300x400', rgba, 'mode RGBA: convert("RGB") drops alpha, keeping the colour under alpha 0'),
        ('rgb16-200x150', png16_bytes(scene(200, 150, 13), 13), '16 bits per channel: the high byte is kept'),
    ]


def exif_with_orientation(orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation
    return exif.tobytes()


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {
        'generator': 'scripts/make-preprocess-fixtures.py',
        'versions': {'PIL': PIL.__version__, 'torch': torch.__version__, 'torchvision': torchvision.__version__,
                     'numpy': np.__version__},
        'inputSize': INPUT_SIZE,
        'models': MODELS,
        'pipeline': [],
        'decode': [],
        'normalize': {},
    }

    for name, img, note in pipeline_cases():
        data = img if isinstance(img, bytes) else png_bytes(img)
        write(f'{name}.png', data)
        rgb = load_for_model(data)
        stored = Image.open(io.BytesIO(data))
        mode = 'RGB;16' if isinstance(img, bytes) else img.mode
        entry = {'file': f'{name}.png', 'note': note, 'mode': mode, 'size': [stored.width, stored.height],
                 'rgbSha256': sha256(np.asarray(rgb).tobytes()), 'models': {}}
        for model, crop_pct in MODELS.items():
            p, crop, tensor = reference(rgb, crop_pct)
            entry['models'][model] = {**p, 'cropSha256': sha256(crop.tobytes()),
                                      'tensorSha256': sha256(tensor.astype('<f4').tobytes()),
                                      'cropSum': int(crop.astype(np.int64).sum()),
                                      'tensorFirst8': [float(v) for v in tensor.reshape(-1)[:8]]}
        expected['pipeline'].append(entry)

    # Decoding: JPEG (lossy, 4:2:0 and 4:4:4), EXIF orientations, WebP lossy and lossless. The reference is
    # what PIL decodes (after exif_transpose), stored as a lossless PNG beside the file.
    base = rgb_image(240, 160, 20)
    decode_cases = [
        ('photo-420.jpg', base, dict(format='JPEG', quality=90), 'JPEG, 4:2:0 chroma subsampling'),
        ('photo-444.jpg', base, dict(format='JPEG', quality=95, subsampling=0), 'JPEG, no chroma subsampling'),
        ('photo-lossy.webp', base, dict(format='WEBP', quality=90), 'WebP, lossy'),
        ('photo-lossless.webp', base, dict(format='WEBP', lossless=True), 'WebP, lossless'),
    ]
    # EXIF orientation: the stored pixels are the upright image transformed by the inverse of what the tag
    # tells a viewer to do, so a decoder that honours the tag gets `base` back (up to JPEG loss).
    for orientation in (3, 6, 8):
        inverse = {3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}
        stored = base.transpose(inverse[orientation])
        decode_cases.append((f'orientation-{orientation}.jpg', stored,
                             dict(format='JPEG', quality=95, subsampling=0, exif=exif_with_orientation(orientation)),
                             f'JPEG 4:4:4 with EXIF orientation {orientation}; stored {stored.width}x{stored.height}'))
    for name, img, options, note in decode_cases:
        buf = io.BytesIO()
        img.save(buf, **options)
        data = buf.getvalue()
        write(name, data)
        decoded = load_for_model(data)
        write(f'{name}.pil.png', png_bytes(decoded))
        expected['decode'].append({'file': name, 'reference': f'{name}.pil.png', 'note': note,
                                   'size': [decoded.width, decoded.height]})

    # Bad inputs.
    write('not-an-image.txt', b'Inception-v4: a plain text file, not an image.\n' * 4)
    jpeg = open(os.path.join(OUT, 'photo-420.jpg'), 'rb').read()
    write('truncated.jpg', jpeg[: len(jpeg) * 6 // 10])
    png = open(os.path.join(OUT, 'landscape-640x427.png'), 'rb').read()
    write('truncated.png', png[: len(png) // 2])

    # Normalisation of every uint8 value, as ToTensor + Normalize compute it in float32.
    values = torch.arange(256, dtype=torch.uint8).reshape(1, 16, 16).repeat(3, 1, 1)  # CHW "image"
    normalized = T.Normalize(MEAN, STD)(values.float().div(255))  # exactly what ToTensor does for uint8
    expected['normalize'] = {'mean': MEAN, 'std': STD,
                             'values': [float(v) for v in normalized[0].reshape(-1).tolist()]}

    with open(os.path.join(OUT, 'expected.json'), 'w') as f:
        json.dump(expected, f, indent=1)
        f.write('\n')

    halves = [(e['file'], m) for e in expected['pipeline'] for m, p in e['models'].items()
              if (p['resized'][0] - INPUT_SIZE) % 2 or (p['resized'][1] - INPUT_SIZE) % 2]
    print(f'crop offsets rounded from .5 (half to even): {halves}', file=sys.stderr)
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f'wrote {len(os.listdir(OUT))} files, {total} bytes, to {os.path.normpath(OUT)}', file=sys.stderr)


if __name__ == '__main__':
    main()
