/** Test support for the look-inside commands: recipe weights files, recipe inputs as .f32, a captured run. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recipeWeights } from '../recipe-weights.ts';
import { recipeInput } from '../../runtime/weights/recipe.ts';
import { captureIo } from './capture-io.ts';
import { main } from '../../cli/main.ts';

export { recipeWeights };

/** A scratch folder with the recipe inputs as .f32 files (noise.f32, pattern.f32). */
export function scratch(prefix: string): { dir: string; noise: string; pattern: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const f32 = (values: Float32Array) => {
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    return bytes;
  };
  const noise = join(dir, 'noise.f32');
  const pattern = join(dir, 'pattern.f32');
  writeFileSync(noise, f32(recipeInput('noise')));
  writeFileSync(pattern, f32(recipeInput('pattern')));
  return { dir, noise, pattern };
}

export async function cli(...args: string[]) {
  const io = captureIo();
  const status = await main(args, io);
  return { status, ...io };
}
