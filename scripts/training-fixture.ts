/**
 * Writes the inputs of the training reference (fixtures/training/<name>/, see its README.md): for each
 * fixture network of src/testing/training-fixture.ts, its definition as JSON, its initial weights (the
 * recipe weights of fixtures/timm/recipe.md, timm names, PyTorch layouts, state_dict order) and one batch
 * (images NHWC float32 in [-1, 1], integer labels). `scripts/training-fixture.py` then computes the
 * expected values with PyTorch. Deterministic: re-running rewrites identical files.
 *
 *     npx tsx scripts/training-fixture.ts                       # fixtures/training/<name>/ inputs
 *     npx tsx scripts/training-fixture.ts --timm-definitions DIR  # the released definitions, for the
 *                                                                 # Python interpreter's check against timm
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNetwork } from '../src/model/analysis/analyze.ts';
import { inceptionResNetV2Released } from '../src/model/networks/inception-resnet-v2.ts';
import { inceptionV4Released } from '../src/model/networks/inception-v4.ts';
import type { NetworkDefinition } from '../src/model/types.ts';
import { recipeSafetensors } from '../src/runtime/weights/recipe-checkpoint.ts';
import { serializeSafetensors } from '../src/runtime/weights/safetensors-writer.ts';
import {
  TRAINING_FIXTURE_NAMES,
  TRAINING_FIXTURES,
  TRAINING_FIXTURES_DIR,
  fixtureBatch,
} from '../src/testing/training-fixture.ts';

function definitionJson(network: NetworkDefinition): string {
  const problems = analyzeNetwork(network).problems;
  if (problems.length > 0) {
    throw new Error(`${network.title}: ${problems.map((p) => `${p.node}: ${p.message}`).join('; ')}`);
  }
  return `${JSON.stringify(network, null, 1)}\n`;
}

function writeInputs(): void {
  for (const name of TRAINING_FIXTURE_NAMES) {
    const { network, batchVariant } = TRAINING_FIXTURES[name];
    const folder = join(TRAINING_FIXTURES_DIR, name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'definition.json'), definitionJson(network));
    const weights = recipeSafetensors(analyzeNetwork(network));
    writeFileSync(join(folder, 'weights.safetensors'), weights);
    const { images, labels, shape } = fixtureBatch(name);
    writeFileSync(join(folder, 'batch.safetensors'), serializeSafetensors([{ name: 'images', shape, data: images }]));
    writeFileSync(
      join(folder, 'batch.json'),
      `${JSON.stringify(
        {
          shape,
          labels: [...labels],
          batchVariant,
          note:
            'images: batch.safetensors "images", NHWC float32, 2u − 1 with u = hash32(seed, i) / 2^32 ' +
            `(seed = FNV-1a of "training-fixture/${name}/images/${batchVariant}"); labels: hash32(FNV-1a of ` +
            `"training-fixture/${name}/labels", i) % ${network.classes}`,
        },
        null,
        1,
      )}\n`,
    );
    console.log(`${folder}: weights ${weights.length} bytes, batch [${shape.join(', ')}], labels ${labels.join(' ')}`);
  }
}

function writeTimmDefinitions(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const released = { inception_v4: inceptionV4Released, inception_resnet_v2: inceptionResNetV2Released };
  for (const [model, network] of Object.entries(released)) {
    writeFileSync(join(dir, `${model}.json`), definitionJson(network));
    console.log(`${join(dir, `${model}.json`)}: ${network.title} (${network.variant})`);
  }
}

const args = process.argv.slice(2);
if (args.length === 0) {
  writeInputs();
} else if (args[0] === '--timm-definitions' && args.length === 2) {
  writeTimmDefinitions(args[1]);
} else {
  console.error('usage: npx tsx scripts/training-fixture.ts [--timm-definitions DIR]');
  process.exit(2);
}
