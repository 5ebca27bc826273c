/**
 * `inception-explorer export-onnx --model <id> --weights <file.safetensors> --out <file.onnx>`: the
 * released network with its weights as a standard ONNX model (opset 17, NCHW input [1, 3, 299, 299],
 * batch norm folded), for Netron or onnxruntime.
 */
import { parseArgs } from 'node:util';
import { exportOnnx, OnnxExportError } from '../runtime/onnx/export-onnx.ts';
import { writeOnnxFile } from '../runtime/onnx/write-onnx.node.ts';
import { checkOutputPath } from '../runtime/output-file.node.ts';
import { loadWeights, networkFor } from './network-args.ts';
import { CliError, type Io } from './io.ts';
import { usageErrorFor } from './command-args.ts';

export const EXPORT_ONNX_USAGE =
  'inception-explorer export-onnx --model inception-v4|inception-resnet-v2 --weights <file.safetensors> --out <file.onnx>';

export async function runExportOnnx(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { model: { type: 'string' }, weights: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw usageErrorFor(EXPORT_ONNX_USAGE)(`unexpected argument "${positionals[0]}"`);
  if (!values.model || !values.weights || !values.out)
    throw usageErrorFor(EXPORT_ONNX_USAGE)(`--model, --weights and --out are required`);
  const network = networkFor(values.model);
  await checkOutputPath(values.out, '--out');
  const { tensors: weights } = await loadWeights(values.weights, network);
  let model;
  try {
    model = exportOnnx(network, weights);
  } catch (error) {
    if (error instanceof OnnxExportError) throw new CliError(error.message);
    throw error;
  }
  await writeOnnxFile(model, values.out, '--out');
  io.out(
    `wrote ${values.out}: ${network.title} as ONNX (opset 17, input "input" NCHW [1, 3, ${network.input[0]}, ${network.input[1]}], ` +
      `output "logits" [1, ${network.classes}], batch norm folded), ${(model.length / 1e6).toFixed(1)} MB`,
  );
  return 0;
}
