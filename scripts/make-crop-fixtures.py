#!/usr/bin/python3
"""Generates fixtures/crops/expected.json: the 1-, 12- and 144-crop sets of the evaluation, cut by PIL.

An independent computation of src/runtime/evaluation/crops.ts and crop-pixels.ts (this project's reading
of the paper's multi-crop protocols; see those files), from the images of fixtures/preprocess:
  - 12 crops: img.resize to shorter side floor(299 / crop_pct) (torchvision's Resize arithmetic), its four
    corner and its centre 299 crops, and its centre square resized to 299; each also mirrored.
  - 144 crops: shorter side 342, 384, 427, 470; the left/centre/right (top/centre/bottom) squares; in each
    the four corners, the centre 299 crop and the square resized to 299; each also mirrored.
Every crop is recorded with its geometry and the SHA-256 of its RGB bytes.

Run with Debian's Python (apt: python3-pil python3-numpy), from the repository root:
    /usr/bin/python3 scripts/make-crop-fixtures.py
Deterministic; re-running rewrites an identical file. Tests never need Python.
"""
import hashlib
import json
import math
import os

import numpy as np
import PIL
from PIL import Image, ImageOps

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
SOURCES = os.path.join(ROOT, 'fixtures', 'preprocess')
OUT = os.path.join(ROOT, 'fixtures', 'crops')
INPUT = 299
MODELS = {'inception-v4': 0.875, 'inception-resnet-v2': 0.8975}
DENSE_SCALES = [round(s * 299 / 224) for s in (256, 288, 320, 352)]
IMAGES = [
    ('landscape-640x427.png', 'landscape'),
    ('portrait-375x500.png', 'portrait: top, centre and bottom squares'),
    ('square-512.png', 'square: the three squares coincide'),
    ('tiny-37x23.png', 'tiny landscape, upscaled ~15x'),
]


def resized_size(width, height, short_side):
    """torchvision Resize(int): shorter side to `short_side`, the longer int(size * long / short)."""
    if width <= height:
        return short_side, int(short_side * height / width)
    return int(short_side * width / height), short_side


def centre(length, crop):
    """torchvision CenterCrop's offset: int(round((length - crop) / 2.0)), Python's round (half to even)."""
    return int(round((length - crop) / 2.0))


def six(region, square, scale, resized, centre_first):
    """The 4 corner + centre 299 crops of a region (left, top, width, height) and the square (left, top,
    side) resized to 299; each followed by its mirror image."""
    left, top, width, height = region
    corners = {'top-left': (0, 0), 'top-right': (width - INPUT, 0), 'bottom-left': (0, height - INPUT),
               'bottom-right': (width - INPUT, height - INPUT), 'centre': (centre(width, INPUT), centre(height, INPUT))}
    order = ['centre', 'top-left', 'top-right', 'bottom-left', 'bottom-right'] if centre_first \
        else ['top-left', 'top-right', 'bottom-left', 'bottom-right', 'centre']
    boxes = [(left + corners[k][0], top + corners[k][1], INPUT) for k in order] + [square]
    return [dict(scale=scale, resized=list(resized), box=list(b), mirror=m) for b in boxes for m in (False, True)]


def plans(width, height, count, crop_pct):
    if count in (1, 12):
        scale = math.floor(INPUT / crop_pct)
        resized = resized_size(width, height, scale)
        side = min(resized)
        square = (centre(resized[0], side), centre(resized[1], side), side)
        crops = six((0, 0, resized[0], resized[1]), square, scale, resized, centre_first=True)
        return crops[:1] if count == 1 else crops
    out = []
    for scale in DENSE_SCALES:
        resized = resized_size(width, height, scale)
        side, long = min(resized), max(resized)
        for offset in (0, centre(long, side), long - side):
            square = (offset, 0, side) if resized[0] >= resized[1] else (0, offset, side)
            out.extend(six((square[0], square[1], side, side), square, scale, resized, centre_first=False))
    return out


def cut(img, plan, cache):
    key = tuple(plan['resized'])
    if key not in cache:
        cache.clear()
        cache[key] = img.resize(key, Image.BICUBIC)
    left, top, size = plan['box']
    crop = cache[key].crop((left, top, left + size, top + size))
    if size != INPUT:
        crop = crop.resize((INPUT, INPUT), Image.BICUBIC)
    if plan['mirror']:
        crop = ImageOps.mirror(crop)
    data = np.asarray(crop, dtype=np.uint8)
    assert data.shape == (INPUT, INPUT, 3)
    return data


def main():
    expected = {'generator': 'scripts/make-crop-fixtures.py', 'versions': {'PIL': PIL.__version__, 'numpy': np.__version__},
                'inputSize': INPUT, 'denseScales': DENSE_SCALES, 'models': MODELS, 'images': []}
    for name, note in IMAGES:
        img = Image.open(os.path.join(SOURCES, name)).convert('RGB')
        entry = {'file': name, 'note': note, 'size': [img.width, img.height], 'sets': []}
        for count, models in ((1, MODELS), (12, MODELS), (144, {'any': 0.875})):
            for model, crop_pct in models.items():
                cache = {}
                crops = []
                for plan in plans(img.width, img.height, count, crop_pct):
                    data = cut(img, plan, cache)
                    crops.append({**plan, 'resize': plan['box'][2] != INPUT, 'sha256': hashlib.sha256(data.tobytes()).hexdigest()})
                assert len(crops) == count
                entry['sets'].append({'crops': count, 'model': model, 'cropPct': crop_pct, 'plans': crops})
        expected['images'].append(entry)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'expected.json'), 'w') as f:
        json.dump(expected, f, separators=(',', ':'))
        f.write('\n')


if __name__ == '__main__':
    main()
