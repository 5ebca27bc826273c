/**
 * Reading a small network's spec from JSON (a stored run, a URL, a worker message, the command line),
 * with a message naming every field that is wrong and what it may be.
 */
import { repeatedStages } from './repeats.ts';
import { baseNetwork } from './small-network.ts';
import { SMALL_BASES, SMALL_INPUT_SIZES, type SmallBase, type SmallNetworkSpec } from './spec.ts';

export type SmallSpecParse = { ok: true; spec: SmallNetworkSpec } | { ok: false; message: string };

const FIELDS = ['base', 'width', 'repeats', 'inputSize', 'classes', 'shortcuts', 'residualScale'] as const;
const STAGES = ['A', 'B', 'C'] as const;

const show = (value: unknown): string => (value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value)));
const isBase = (value: unknown): value is SmallBase => SMALL_BASES.includes(value as SmallBase);
const isWhole = (value: unknown, least: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= least;

/** `json`: the JSON text of a spec, or the value it parses to. */
export function parseSmallNetworkSpec(json: unknown): SmallSpecParse {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      return { ok: false, message: `a small network spec must be JSON: ${(error as Error).message}` };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const fields = FIELDS.join(', ');
    return { ok: false, message: `a small network spec must be a JSON object with ${fields}; got ${show(value)}` };
  }
  const v = value as Record<string, unknown>;
  const problems = fieldProblems(v);
  if (problems.length > 0) return { ok: false, message: `bad small network spec: ${problems.join('; ')}` };
  const repeats = v.repeats as number[];
  return {
    ok: true,
    spec: {
      base: v.base as SmallBase,
      width: v.width as number,
      repeats: [repeats[0], repeats[1], repeats[2]],
      inputSize: v.inputSize as 32 | 64,
      classes: v.classes as number,
      shortcuts: v.shortcuts as boolean,
      ...(v.residualScale !== undefined ? { residualScale: v.residualScale as number } : {}),
    },
  };
}

/** What is wrong with each field, in the order of `FIELDS` (unknown fields first). */
function fieldProblems(v: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const unknown = Object.keys(v).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    const plural = unknown.length > 1 ? 's' : '';
    problems.push(`unknown field${plural} ${unknown.join(', ')}; the fields are ${FIELDS.join(', ')}`);
  }
  if (!isBase(v.base)) {
    problems.push(`base must be ${SMALL_BASES.map((b) => `"${b}"`).join(' or ')}, got ${show(v.base)}`);
  }
  if (typeof v.width !== 'number' || !(v.width > 0 && v.width <= 1)) {
    problems.push(
      "width must be a number above 0 and at most 1 (a multiplier on every convolution's filters, " +
        `e.g. 0.25), got ${show(v.width)}`,
    );
  }
  problems.push(...repeatProblems(v.repeats, isBase(v.base) ? v.base : undefined));
  if (!SMALL_INPUT_SIZES.includes(v.inputSize as 32 | 64)) {
    problems.push(
      'inputSize must be 32 (no reduction in the stem) or 64 (one stride-2 reduction), ' + `got ${show(v.inputSize)}`,
    );
  }
  if (!isWhole(v.classes, 2)) {
    problems.push(
      "classes must be a whole number of at least 2 (the classifier's outputs, e.g. 10), " + `got ${show(v.classes)}`,
    );
  }
  if (typeof v.shortcuts !== 'boolean') {
    problems.push(`shortcuts must be true, or false for the no-shortcut twin, got ${show(v.shortcuts)}`);
  } else if (!v.shortcuts && v.base === 'inception-v4') {
    problems.push(
      'shortcuts: false removes the residual connections of inception-resnet-v2; ' +
        'inception-v4 has none (set it to true)',
    );
  }
  const scale = v.residualScale;
  if (scale !== undefined && (typeof scale !== 'number' || !Number.isFinite(scale) || scale < 0)) {
    problems.push(
      'residualScale must be a number ≥ 0 (0 switches the residual branches off), ' +
        `or left out for the released scales, got ${show(scale)}`,
    );
  }
  return problems;
}

/** Three whole numbers from 1 to the released network's own number of repetitions of each stage. */
function repeatProblems(repeats: unknown, base: SmallBase | undefined): string[] {
  const most = base ? repeatedStages(baseNetwork(base)).map((r) => r.count) : undefined;
  const range = base && most ? ` (at most ${most.join(', ')}: the released ${baseNetwork(base).title}'s)` : '';
  const what =
    'repeats must be three whole numbers ≥ 1, the repetitions of the A, B and C blocks' + `${range}, e.g. [1, 2, 1]`;
  if (!Array.isArray(repeats) || repeats.length !== 3) return [`${what}; got ${show(repeats)}`];
  const fits = (n: unknown, i: number) => isWhole(n, 1) && (!most || n <= most[i]);
  const bad = repeats.flatMap((n: unknown, i) => (fits(n, i) ? [] : [`${show(n)} for ${STAGES[i]}`]));
  return bad.length > 0 ? [`${what}; got ${bad.join(', ')}`] : [];
}
