/** Entry point of `npx inception-explorer <command>`: dispatches to one module per command. */
import { ACTIVATIONS_USAGE, runActivations } from './activations.ts';
import { CAM_USAGE, runCam } from './cam.ts';
import { CHANNEL_EXAMPLES_USAGE, runChannelExamples } from './channel-examples.ts';
import { CLASSIFY_USAGE, runClassify } from './classify.ts';
import { EVALUATE_USAGE, runEvaluate } from './evaluate.ts';
import { EXPORT_ONNX_USAGE, runExportOnnx } from './export-onnx.ts';
import { CliError, processIo, type Io } from './io.ts';
import { OutputFileError } from '../runtime/output-file.node.ts';
import { MAKE_WEIGHTS_USAGE, runMakeWeights } from './make-weights.ts';
import { PREPROCESS_USAGE, runPreprocess } from './preprocess.ts';
import { runSummary, SUMMARY_USAGE } from './summary.ts';
import { runTrain, TRAIN_USAGE } from './train.ts';
import { runVisualize, VISUALIZE_USAGE } from './visualize.ts';

type Command = (args: readonly string[], io: Io) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  summary: { run: runSummary, usage: SUMMARY_USAGE },
  'make-weights': { run: runMakeWeights, usage: MAKE_WEIGHTS_USAGE },
  preprocess: { run: runPreprocess, usage: PREPROCESS_USAGE },
  classify: { run: runClassify, usage: CLASSIFY_USAGE },
  evaluate: { run: runEvaluate, usage: EVALUATE_USAGE },
  'export-onnx': { run: runExportOnnx, usage: EXPORT_ONNX_USAGE },
  activations: { run: runActivations, usage: ACTIVATIONS_USAGE },
  cam: { run: runCam, usage: CAM_USAGE },
  'channel-examples': { run: runChannelExamples, usage: CHANNEL_EXAMPLES_USAGE },
  train: { run: runTrain, usage: TRAIN_USAGE },
  visualize: { run: runVisualize, usage: VISUALIZE_USAGE },
};

export function usage(): string {
  return ['usage:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}

/**
 * Whether the arguments ask for a command's usage: `--help` or `-h` anywhere among its options (so
 * `classify photo.jpg --help` helps too), but not after `--`, where every argument is an operand.
 */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`unknown command "${name}"\n${usage()}`);
    return 2;
  }
  if (asksForHelp(rest)) {
    io.out(`usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError || error instanceof OutputFileError) {
      io.err(`inception-explorer ${name}: ${error.message}`);
      return error instanceof CliError ? error.exitCode : 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`inception-explorer ${name}: ${error.message}\nusage: ${command.usage}`);
      return 2;
    }
    throw error;
  }
}
