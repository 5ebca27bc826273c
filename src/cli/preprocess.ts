/**
 * `inception-explorer preprocess <image> --model <id> --out <file.f32> [--crop <file.png>]`: the network
 * input for a photo, exactly as the browser computes it, as raw little-endian float32 NHWC [1,299,299,3].
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { NETWORK_IDS, NETWORKS, isNetworkId, isSmallNetworkId } from '../model/networks/index.ts';
import type { NetworkDefinition } from '../model/types.ts';
import { loadImageForModel } from '../runtime/preprocess/decode.node.ts';
import { ImageInputError } from '../runtime/preprocess/errors.ts';
import { checkOutputPath, writeOutputBytes } from '../runtime/output-file.node.ts';
import { grouped } from './format.ts';
import { CliError, type Io } from './io.ts';
import { usageErrorFor } from './command-args.ts';

export const PREPROCESS_USAGE =
  'inception-explorer preprocess <image> --model inception-v4|inception-resnet-v2 --out <file.f32> [--crop <file.png>]';

/** The networks with a released checkpoint, whose preprocessing is defined. */
const WITH_PREPROCESSING = NETWORK_IDS.filter((id) => NETWORKS[id].released?.checkpoint);

function networkFor(model: string): NetworkDefinition {
  if (!isNetworkId(model))
    throw new CliError(`unknown model "${model}"; valid models: ${WITH_PREPROCESSING.join(', ')}`, 2);
  const network = NETWORKS[model].released;
  if (!network?.checkpoint) {
    const what = isSmallNetworkId(model) ? 'is a small network to train' : "exists only as the paper's network";
    const valid = WITH_PREPROCESSING.join(', ');
    throw new CliError(
      `model "${model}" ${what}, with no pretrained checkpoint and so no preprocessing; ` + `valid models: ${valid}`,
      2,
    );
  }
  return network;
}

/** Raw float32 little-endian bytes, whatever the machine's byte order. */
export function float32LittleEndian(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytes;
}

export async function runPreprocess(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { model: { type: 'string' }, out: { type: 'string' }, crop: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1)
    throw usageErrorFor(PREPROCESS_USAGE)(`expected one image file, got ${positionals.length}`);
  const [image] = positionals;
  const { model, out, crop } = values;
  if (!model || !out) throw usageErrorFor(PREPROCESS_USAGE)(`--model and --out are required`);
  const network = networkFor(model);
  const preprocessing = network.checkpoint!.preprocessing;
  await checkOutputPath(out, '--out');
  if (crop !== undefined) {
    if (!crop.toLowerCase().endsWith('.png')) throw new CliError(`--crop ${crop}: the file name must end in .png`, 2);
    await checkOutputPath(crop, '--crop');
  }

  let input;
  try {
    input = await loadImageForModel(image, preprocessing);
  } catch (error) {
    if (error instanceof ImageInputError) throw new CliError(error.message);
    throw error;
  }
  const bytes = float32LittleEndian(input.tensor);
  await writeOutputBytes(out, bytes, '--out');
  if (crop !== undefined) {
    const { width, height, data } = input.crop;
    await writeOutputBytes(
      crop,
      await sharp(data, { raw: { width, height, channels: 3 } })
        .png()
        .toBuffer(),
      '--crop',
    );
  }

  const { plan } = input;
  const size = plan.cropSize;
  io.out(
    [
      `wrote ${out}: ${network.title} input for ${image}, float32 little-endian NHWC [1, ${size}, ${size}, 3], ${grouped(bytes.length)} bytes`,
      `  ${plan.source.width}×${plan.source.height} → bicubic ${plan.resized.width}×${plan.resized.height} (shorter side ${plan.scaleSize} = floor(${size} / ${preprocessing.cropPct}))` +
        ` → crop ${size}×${size} at (${plan.cropLeft}, ${plan.cropTop}) → (x/255 − mean) / std, mean (${preprocessing.mean.join(', ')}), std (${preprocessing.std.join(', ')})`,
      `  sha256 ${createHash('sha256').update(bytes).digest('hex')}`,
      ...(crop !== undefined ? [`wrote ${crop}: the ${size}×${size} crop the network sees`] : []),
    ].join('\n'),
  );
  return 0;
}
