/**
 * The built-in generated dataset: ten classes of pictures drawn procedurally — five shapes (circle,
 * square, triangle, cross, ring) and five textures (stripes at 0°, 45°, 90°, 135°, a checkerboard) — each
 * with random colours, position, scale, rotation, stripe period and noise. Deterministic: image i of a
 * split depends only on (seed, split, i), so the same seed gives the same bytes whatever the counts, and
 * in every JavaScript engine (integer random numbers; only +, −, ×, ÷, √ and rounding on doubles, which
 * IEEE 754 makes exact everywhere — no Math.sin or `**`, whose last bit may differ between engines:
 * rotations come from the rational parametrisation cos = (1 − t²)/(1 + t²), sin = 2t/(1 + t²)).
 *
 * So the lab works offline and in tests, with a task a small network learns in a few hundred steps:
 * colour says nothing about the class (drawn independently), shape and orientation say everything.
 */
import { DataError, type ImageSplit, type LabelledImages } from './labelled-images.ts';
import { mixSeed, Random } from './random.ts';

export const GENERATED_CLASSES: readonly string[] = Object.freeze([
  'circle',
  'square',
  'triangle',
  'cross',
  'ring',
  'stripes 0°',
  'stripes 45°',
  'stripes 90°',
  'stripes 135°',
  'checkerboard',
]);

export interface GeneratedOptions {
  /** Default 1. */
  seed?: number;
  /** Image side in pixels, 8–256 (default 32). */
  size?: number;
  /** Training images (default 5000) and held-out images (default 1000). */
  train?: number;
  test?: number;
}

const SPLIT_STREAM = { train: 1, test: 2 } as const;
const SQRT3 = Math.sqrt(3);
/** tan(22.5°): the half-angle parameter of a 45° rotation. */
const TAN_22_5 = Math.SQRT2 - 1;

/** A rotation as (cos, sin), from the half-angle tangent t (t = tan(θ/2)). */
function rotation(t: number): [number, number] {
  const d = 1 + t * t;
  return [(1 - t * t) / d, (2 * t) / d];
}

/** Composes two rotations (complex multiplication). */
function compose([c1, s1]: [number, number], [c2, s2]: [number, number]): [number, number] {
  return [c1 * c2 - s1 * s2, s1 * c2 + c1 * s2];
}

/** The base angle of each stripes class: 0°, 45°, 90°, 135°, as half-angle tangents. */
const STRIPE_ANGLES = [0, TAN_22_5, 1, 1 / TAN_22_5];

/** Whether a point (in pixels, y down) is inside the picture's foreground. */
type Inside = (x: number, y: number) => boolean;

function shapeTest(label: number, random: Random, size: number): Inside {
  const cx = size * random.range(0.35, 0.65);
  const cy = size * random.range(0.35, 0.65);
  const radius = size * random.range(0.2, 0.34);
  const [c, s] = rotation(random.range(-1, 1)); // any angle in (−90°, 90°): all the shapes' symmetries covered
  const hole = random.range(0.45, 0.65); // the ring's inner radius
  const inner = hole * hole;
  const arm = random.range(0.25, 0.35);
  // u along the shape's rotated x axis, v along its y axis, in units of its radius.
  const u = (x: number, y: number) => ((x - cx) * c + (y - cy) * s) / radius;
  const v = (x: number, y: number) => ((y - cy) * c - (x - cx) * s) / radius;
  const tests: Inside[] = [
    (x, y) => {
      const a = u(x, y);
      const b = v(x, y);
      return a * a + b * b <= 1;
    },
    (x, y) => Math.abs(u(x, y)) <= 0.8 && Math.abs(v(x, y)) <= 0.8,
    (x, y) => v(x, y) >= -0.5 && v(x, y) <= 1 - SQRT3 * Math.abs(u(x, y)),
    (x, y) => {
      const a = Math.abs(u(x, y));
      const b = Math.abs(v(x, y));
      return (a <= 1 && b <= arm) || (a <= arm && b <= 1);
    },
    (x, y) => {
      const a = u(x, y);
      const b = v(x, y);
      const r2 = a * a + b * b;
      return r2 <= 1 && r2 >= inner;
    },
  ];
  return tests[label];
}

function textureTest(label: number, random: Random, size: number): Inside {
  const jitter = rotation(random.range(-0.09, 0.09)); // ±10°
  const phase = random.float();
  if (label < 9) {
    const [c, s] = compose(rotation(STRIPE_ANGLES[label - 5]), jitter);
    const period = size * random.range(0.12, 0.22);
    // Stripes of angle θ run along (cos θ, sin θ): the colour changes across them, along (−sin θ, cos θ).
    return (x, y) => {
      const w = (y * c - x * s) / period + phase;
      return w - Math.floor(w) < 0.5;
    };
  }
  const [c, s] = compose(rotation(random.range(-1, 1)), jitter);
  const period = size * random.range(0.16, 0.26);
  return (x, y) => {
    const a = Math.floor((x * c + y * s) / period + phase);
    const b = Math.floor((y * c - x * s) / period + phase);
    return ((a + b) & 1) === 0;
  };
}

/** A colour and a second one far enough from it (sum of channel differences ≥ 160) to be told apart. */
function colours(random: Random): [number[], number[]] {
  const background = [random.int(256), random.int(256), random.int(256)];
  for (;;) {
    const foreground = [random.int(256), random.int(256), random.int(256)];
    const distance = foreground.reduce((sum, v, i) => sum + Math.abs(v - background[i]), 0);
    if (distance >= 160) return [background, foreground];
  }
}

/** Draws one picture of class `label` into `target` (size×size×3 bytes from `offset`), from its own seed. */
export function drawGeneratedImage(label: number, seed: number, size: number, target: Uint8Array, offset = 0): void {
  const random = new Random(seed);
  const [background, foreground] = colours(random);
  const inside = label < 5 ? shapeTest(label, random, size) : textureTest(label, random, size);
  const noise = random.range(0, 24);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let covered = 0;
      // Anti-aliased: the share of the pixel's 2×2 sub-samples inside the picture.
      for (let j = 0; j < 2; j++) {
        for (let i = 0; i < 2; i++) if (inside(x + 0.25 + 0.5 * i, y + 0.25 + 0.5 * j)) covered++;
      }
      const o = offset + (y * size + x) * 3;
      const bits = random.uint32(); // three 10-bit noise values, one per channel
      for (let ch = 0; ch < 3; ch++) {
        const n = ((bits >>> (10 * ch)) & 1023) / 511.5 - 1;
        const value = background[ch] + ((foreground[ch] - background[ch]) * covered) / 4 + noise * n;
        target[o + ch] = Math.min(255, Math.max(0, Math.round(value)));
      }
    }
  }
}

function generateSplit(seed: number, split: 'train' | 'test', count: number, size: number): ImageSplit {
  const bytes = size * size * 3;
  const images = new Uint8Array(count * bytes);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    // Classes in turn (balanced to within one image); batching shuffles.
    labels[i] = i % GENERATED_CLASSES.length;
    drawGeneratedImage(labels[i], mixSeed(seed, SPLIT_STREAM[split], i), size, images, i * bytes);
  }
  return { images, labels, count };
}

function checkCount(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new DataError(`generated dataset: ${name} must be a whole number from 0 to ${max}, got ${value}`);
  }
}

/** The generated dataset (see the file's comment); throws a DataError for impossible options. */
export function generatedDataset(options: GeneratedOptions = {}): LabelledImages {
  const { seed = 1, size = 32, train = 5000, test = 1000 } = options;
  if (!Number.isInteger(seed)) throw new DataError(`generated dataset: the seed must be an integer, got ${seed}`);
  if (!Number.isInteger(size) || size < 8 || size > 256) {
    throw new DataError(`generated dataset: the image size must be a whole number from 8 to 256 pixels, got ${size}`);
  }
  // Bound the memory: 1 GiB of images at most.
  const maxImages = Math.floor(2 ** 30 / (size * size * 3));
  checkCount('the training count', train, maxImages);
  checkCount('the held-out count', test, maxImages);
  return {
    name: `generated (seed ${seed})`,
    classes: GENERATED_CLASSES,
    size,
    train: generateSplit(seed, 'train', train, size),
    test: generateSplit(seed, 'test', test, size),
  };
}
