/**
 * Test support: stand-ins for the small networks of src/model/small (written on another branch) so that
 * the lab's store, charts and pages can be tested with real NetworkDefinitions: a tiny Inception-v4-S
 * (no residuals), a tiny Inception-ResNet-v2-S with two residual groups (A and B) and its twin without
 * shortcuts (each residual a plain sequence). Never shipped; the product's raceEntries builds the real ones.
 */
import { concat, conv, indexedKeys, linearConv, repeat, residual, seq } from '../../model/builders.ts';
import { head } from '../../model/blocks/head.ts';
import type { NetworkDefinition, Node } from '../../model/types.ts';
import type { RaceEntry } from '../../runtime/training/protocol.ts';
import { choiceId, type RaceChoice } from '../../views/learn/settings.ts';

function body(width: number): Node {
  const f = (n: number) => Math.max(1, Math.round(n * width));
  return seq([
    concat([
      conv('1x1', f(8), { key: 'branch0' }),
      seq([conv('1x1', f(8), { key: '0' }), conv('3x3', f(8), { key: '1' })], { key: 'branch1' }),
    ]),
    linearConv(f(32), { key: 'conv2d' }),
  ]);
}

function block(id: string, name: string, width: number, scale: number, shortcuts: boolean): Node {
  const options = { name, block: { id } };
  return shortcuts ? residual(body(width), { scale, ...options }) : seq([body(width)], options);
}

function stem(width: number): Node {
  return seq([conv('3x3', Math.round(32 * width), { key: 'stem' })], { name: 'Stem', block: { id: 'stem' } });
}

/** A placeholder small network for `choice` (width 1 by default: 32 channels between blocks). */
export function placeholderNetwork(choice: RaceChoice): NetworkDefinition {
  const width = choice.width ?? 1;
  const shortcuts = choice.network === 'inception-resnet-v2-s';
  const residualNet = choice.network !== 'inception-v4-s';
  const stages: Node[] = [stem(width)];
  if (residualNet) {
    stages.push(
      repeat(
        2,
        block('inception-resnet-a', 'Inception-ResNet-A', width, choice.scale ?? 0.17, shortcuts),
        indexedKeys('repeat', 0, 2),
      ),
      repeat(
        2,
        block('inception-resnet-b', 'Inception-ResNet-B', width, choice.scale ?? 0.1, shortcuts),
        indexedKeys('repeat_1', 0, 2),
      ),
    );
  } else {
    stages.push(seq([body(width)], { name: 'Inception-A', block: { id: 'inception-a' } }));
  }
  stages.push(head('released', 10, 'classif'));
  return {
    id: residualNet ? 'inception-resnet-v2' : 'inception-v4',
    variant: 'released',
    title: `placeholder ${choiceId(choice)}`,
    source: 'lab tests',
    input: [32, 32, 3],
    classes: 10,
    stages,
  };
}

/** raceEntries for tests: the placeholders, with the race-wide scale where a network has none. */
export function placeholderEntries(choices: readonly RaceChoice[], raceScale?: number): RaceEntry[] {
  return choices.map((c) => {
    const scale = c.scale ?? raceScale;
    return { id: choiceId(c), network: placeholderNetwork(scale === undefined ? c : { ...c, scale }) };
  });
}
