/**
 * `inception-explorer make-weights --model <id> --out <file.safetensors>`: the recipe weights as a file,
 * marked as stand-in weights in its "__metadata__" (runtime/weights/stand-in.ts): whatever loads it says
 * that its predictions mean nothing.
 */
import { parseArgs } from 'node:util';
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { NETWORK_IDS, NETWORKS, isNetworkId } from '../model/networks/index.ts';
import { recipeFileParts } from '../runtime/weights/recipe-checkpoint.ts';
import { checkOutputPath } from '../runtime/output-file.node.ts';
import { writeSafetensorsFile } from '../runtime/weights/safetensors-file.node.ts';
import { STAND_IN_METADATA } from '../runtime/weights/stand-in.ts';
import { grouped } from './format.ts';
import { CliError, type Io } from './io.ts';
import { usageErrorFor } from './command-args.ts';

export const MAKE_WEIGHTS_USAGE =
  'inception-explorer make-weights --model inception-v4|inception-resnet-v2 --out <file.safetensors>';

/** Networks with a released checkpoint layout, the only ones weights can be made for. */
const WEIGHTED = NETWORK_IDS.filter((id) => NETWORKS[id].released?.checkpoint);

export async function runMakeWeights(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { model: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw usageErrorFor(MAKE_WEIGHTS_USAGE)(`unexpected argument "${positionals[0]}"`);
  const { model, out } = values;
  if (!model || !out) throw usageErrorFor(MAKE_WEIGHTS_USAGE)(`--model and --out are required`);
  if (!isNetworkId(model) || !WEIGHTED.includes(model)) {
    const why = isNetworkId(model)
      ? `model "${model}" has no released checkpoint (nothing to make weights for)`
      : `unknown model "${model}"`;
    throw new CliError(`${why}; valid models: ${WEIGHTED.join(', ')}`, 2);
  }
  if (!out.endsWith('.safetensors')) throw new CliError(`--out ${out}: the file name must end in .safetensors`, 2);
  await checkOutputPath(out, '--out');

  const network = NETWORKS[model].released!;
  const { specs, produce } = recipeFileParts(analyzeNetwork(network));
  const written = await writeSafetensorsFile(out, specs, produce, STAND_IN_METADATA, '--out');
  io.out(
    [
      `wrote ${out}: recipe weights (fixtures/timm/recipe.md) of ${network.title}, ${specs.length} tensors in timm's names, ${grouped(written.bytes)} bytes`,
      `sha256 ${written.sha256}`,
      'stand-in weights (marked so in the file): they load and run like the checkpoint, but the predictions mean nothing',
    ].join('\n'),
  );
  return 0;
}
