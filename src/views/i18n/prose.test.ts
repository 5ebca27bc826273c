/**
 * The untranslated-text check carried to the model's prose: every block note and network source of every
 * network (both forms) and of the small networks (each preset, both inputs, a residual scale, with and
 * without shortcuts) has a Chinese form with no English left in it but names and code.
 */
import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../../model/networks/index.ts';
import { SMALL_INPUT_SIZES, SMALL_PRESETS, smallNetwork } from '../../model/small/index.ts';
import type { NetworkDefinition, Node } from '../../model/types.ts';
import { proseText } from './prose.ts';

function notes(node: Node, out: Set<string>): Set<string> {
  if ('block' in node && node.block?.note) out.add(node.block.note);
  if ('children' in node) for (const child of node.children) notes(child, out);
  if ('body' in node) notes(node.body as Node, out);
  return out;
}

const networks: NetworkDefinition[] = [
  ...Object.values(NETWORKS).flatMap((n) =>
    [n.paper, n.released].filter((d): d is NetworkDefinition => d !== undefined),
  ),
  ...Object.values(SMALL_PRESETS).flatMap((spec) =>
    SMALL_INPUT_SIZES.flatMap((inputSize) => [
      smallNetwork({ ...spec, inputSize }),
      ...(spec.base === 'inception-v4'
        ? []
        : [
            smallNetwork({ ...spec, inputSize, shortcuts: !spec.shortcuts }),
            smallNetwork({ ...spec, inputSize, residualScale: 0.2 }),
          ]),
    ]),
  ),
];

/** What may stay in Latin letters: the paper's and the code's names, and formulas. */
const NAMES =
  /Inception-ResNet-v[12](-S)?|Inception-v[34](-S)?|Inception|Block8|Mixed_5b|Logits|softmax|ReLU|Stem|timm|TF-slim|Szegedy|inception_\w+|nets\/[\w.]+|same|act(\([^)]*\))?|[xsr]\b/g;

describe("the model's prose in Chinese", () => {
  const allNotes = new Set<string>();
  for (const n of networks) for (const stage of n.stages) notes(stage, allNotes);
  const sources = new Set(networks.map((n) => n.source));

  it('finds the notes and sources to check', () => {
    expect(allNotes.size).toBeGreaterThanOrEqual(7);
    expect(sources.size).toBeGreaterThanOrEqual(6);
  });

  it.each([...allNotes])('block note: %s', (note) => {
    const zh = proseText.zh.blockNote(note);
    expect(zh).not.toBe(note);
    expect(zh.replace(NAMES, '')).not.toMatch(/[A-Za-z]{2,}/);
    expect(proseText.en.blockNote(note)).toBe(note);
  });

  it.each([...sources])('network source: %s', (source) => {
    const zh = proseText.zh.networkSource(source);
    expect(zh).not.toBe(source);
    expect(zh.replace(NAMES, '')).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('keeps prose it does not know in English rather than lose it', () => {
    expect(proseText.zh.blockNote('A note from a later version.')).toBe('A note from a later version.');
  });
});
