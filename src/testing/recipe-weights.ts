/** Recipe weights files for the e2e specs and the inference benchmark, made by the CLI once per machine. */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Recipe weights (fixtures/timm/recipe.md) of a network, generated once per machine by the CLI. */
export async function recipeWeights(model: 'inception-v4' | 'inception-resnet-v2'): Promise<string> {
  const dir = join(tmpdir(), 'inception-explorer-e2e');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${model}.recipe.safetensors`);
  if (!existsSync(path)) {
    const partial = join(dir, `${model}.${process.pid}.partial.safetensors`);
    await run('npx', ['inception-explorer', 'make-weights', '--model', model, '--out', partial], { maxBuffer: 1 << 20 });
    await run('mv', [partial, path]);
  }
  return path;
}
