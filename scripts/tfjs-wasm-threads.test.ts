import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { minifySync } from 'rolldown/utils';
import { describe, expect, it } from 'vitest';
import { patchThreadedGlue, pinFactorySource, THREADED_GLUE } from './tfjs-wasm-threads.ts';

const gluePath = createRequire(import.meta.url).resolve(
  '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js',
);
const glue = readFileSync(gluePath, 'utf8');

/** The glue as the production build has it: a CommonJS module, minified like Vite's build minifies. */
function minifiedFactory(code: string): { toString(): string } {
  const wrapped = `globalThis.load = function (module, exports) {\n${code}\n};`;
  const { code: minified } = minifySync('glue.js', wrapped, { compress: true, mangle: true });
  const context: { load?: (m: unknown, e: unknown) => void } = {};
  vm.runInNewContext(minified, context);
  const module = { exports: {} as { toString(): string } };
  context.load!(module, module.exports);
  return module.exports;
}

/** What a pthread worker does with the factory: evaluates its text alone, then calls it. */
function startLikePthreadWorker(factory: { toString(): string }): unknown {
  const quiet = { log() {}, warn() {}, error() {} };
  const worker: Record<string, unknown> = {
    importScripts() {},
    location: { href: 'blob:worker' },
    console: quiet,
    WebAssembly,
    Promise,
  };
  worker.self = worker;
  try {
    vm.runInNewContext(
      `var WasmBackendModuleThreadedSimd = ${factory.toString()};\n` +
        'WasmBackendModuleThreadedSimd({ instantiateWasm() { return {}; } });',
      worker,
    );
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('tfjs-wasm-threads plugin', () => {
  it('applies to the threaded glue of the installed tfjs-backend-wasm only', () => {
    expect(THREADED_GLUE.test(gluePath)).toBe(true);
    expect(THREADED_GLUE.test(gluePath.replace('threaded-simd', 'simd'))).toBe(false);
  });

  it('reproduces the root cause: minified, the factory text no longer stands alone in a worker', () => {
    const error = startLikePthreadWorker(minifiedFactory(glue));
    expect(error).toBeDefined();
    expect((error as Error).name).toBe('ReferenceError');
    expect((error as Error).message).toMatch(/is not defined/);
  });

  it('pinned, the minified factory hands the worker its original, self-contained text', () => {
    const factory = minifiedFactory(pinFactorySource(glue));
    const text = factory.toString();
    expect(text.startsWith('function(WasmBackendModuleThreadedSimd) {')).toBe(true);
    expect(text).toContain('typeof _scriptDir !== "undefined"');
    expect(glue).toContain(text);
    // Past the point where the minified text failed: here it stops only at the fake worker's memory.
    const error = startLikePthreadWorker(factory);
    expect((error as Error | undefined)?.name).not.toBe('ReferenceError');
  });

  it("undoes tfjs's halving of the cores, in the main thread's code and in the workers' text alike", () => {
    const patched = patchThreadedGlue(glue);
    const count = (text: string) => text.split('return 2*navigator["hardwareConcurrency"]}').length - 1;
    expect(count(glue)).toBe(0);
    expect(count(patched)).toBe(1); // in the code (the pinned copy is an escaped string literal)
    expect(count(minifiedFactory(patched).toString())).toBe(1);
  });

  it('fails the build with a clear message when the glue changes shape', () => {
    expect(() => pinFactorySource('var WasmBackendModuleThreadedSimd = function () {};')).toThrow(/unexpected shape/);
    expect(() => patchThreadedGlue('var WasmBackendModuleThreadedSimd = function () {};')).toThrow(
      /emscripten_num_logical_cores/,
    );
  });
});
