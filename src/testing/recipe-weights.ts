/**
 * Recipe weights files for the unit tests, e2e specs and benchmarks, made by the CLI once per checkout.
 * They are a cache that every run reuses (171 and 224 MB, a few seconds each to make), so they live in
 * the checkout's git-ignored .cache/ and go with it, not in the system's temp dir.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

// In a folder of their own since make-weights marks its files as stand-in weights (runtime/weights/stand-in.ts):
// files made before, unmarked, are not reused; the file names stay those of make-weights' example.
const CACHE = fileURLToPath(new URL('../../.cache/recipe-weights/stand-in/', import.meta.url));

/** Recipe weights (fixtures/timm/recipe.md) of a network, generated once per checkout by the CLI. */
export async function recipeWeights(model: 'inception-v4' | 'inception-resnet-v2'): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const path = join(CACHE, `${model}.recipe.safetensors`);
  if (!existsSync(path)) {
    const partial = join(CACHE, `${model}.${process.pid}.partial.safetensors`);
    await run('npx', ['inception-explorer', 'make-weights', '--model', model, '--out', partial], {
      maxBuffer: 1 << 20,
    });
    await run('mv', [partial, path]);
  }
  return path;
}
