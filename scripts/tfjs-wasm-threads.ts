/**
 * Vite plugin that keeps TensorFlow.js's threaded WebAssembly backend working after minification.
 *
 * Why threads broke in the production build (the root cause): tfjs-backend-wasm 4.22 starts each pthread
 * worker from a Blob whose script is `"var WasmBackendModuleThreadedSimd = " + factory.toString()`, i.e.
 * the *source text* of the Emscripten factory function, re-evaluated alone inside the worker. The
 * factory is an inner function that reads `_scriptDir` from its enclosing closure, guarded by
 * `typeof _scriptDir !== "undefined"` so that it also runs stand-alone. The minifier renames `_scriptDir`
 * (to `e`) and, since it can see the binding, drops the now "useless" `typeof` guard. The function still
 * works where it was bundled, but its text no longer stands alone: in every pthread worker it throws
 * "ReferenceError: e is not defined", the worker dies before reporting "loaded", and Emscripten waits
 * for its thread pool for ever, so `tf.setBackend('wasm')` never settles. Nested workers, COOP/COEP and
 * the inlined worker script itself were all fine.
 *
 * The fix: the factory's `toString()` returns its original (unminified, self-contained) source text,
 * captured as a string literal at transform time, before the minifier sees the code. The worker then
 * evaluates exactly what Emscripten emitted; the main thread keeps running the minified function.
 * No library does this (it is specific to how tfjs hands its factory to Emscripten's pthread workers).
 *
 * Second, the thread count: tfjs-wasm's C++ caps XNNPACK's pool at `emscripten_num_logical_cores() / 2`
 * ("many x86-64 processors have 2 threads per core"), computed once at start-up, whatever
 * `setThreadsCount` asks for: on a 2-core machine that is one thread, i.e. no speed-up at all. The glue's
 * `emscripten_num_logical_cores` is made to report twice `navigator.hardwareConcurrency`, which undoes
 * the halving; the count itself is then chosen in src/runtime/backends/backends.browser.ts.
 */
import type { Plugin } from 'vite';

/** The Emscripten glue of the threaded SIMD build, as tfjs-backend-wasm ships it. */
export const THREADED_GLUE = /tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;

const FACTORY_START = 'function(WasmBackendModuleThreadedSimd) {';
/** The glue ends the factory with `return WasmBackendModuleThreadedSimd.ready\n}\n);\n})();`. */
const FACTORY_END = /\n\}\s*\n\);\s*\n\}\)\(\);/;

/** The glue's `emscripten_num_logical_cores` in a browser; its result is halved by tfjs's C++. */
const LOGICAL_CORES = 'return navigator["hardwareConcurrency"]}';

/** Both fixes above; throws if the glue does not have the shape they were written for. */
export function patchThreadedGlue(glue: string): string {
  if (glue.split(LOGICAL_CORES).length !== 2) {
    throw new Error(
      'tfjs-wasm-threads: emscripten_num_logical_cores not found once in the threaded Emscripten glue of ' +
        '@tensorflow/tfjs-backend-wasm; check scripts/tfjs-wasm-threads.ts against the installed version',
    );
  }
  return pinFactorySource(glue.replace(LOGICAL_CORES, 'return 2*navigator["hardwareConcurrency"]}'));
}

/**
 * The glue with a `toString()` on its factory that returns the factory's own original text. Throws if
 * the glue does not have the expected shape (a tfjs upgrade must not silently break threads again).
 */
export function pinFactorySource(glue: string): string {
  const start = glue.indexOf(FACTORY_START);
  const end = FACTORY_END.exec(glue.slice(Math.max(0, start)));
  if (start < 0 || !end) {
    throw new Error(
      'tfjs-wasm-threads: the threaded Emscripten glue of @tensorflow/tfjs-backend-wasm has an unexpected ' +
        'shape (factory function not found); check scripts/tfjs-wasm-threads.ts against the installed version',
    );
  }
  const source = glue.slice(start, start + end.index + 2);
  const pin = `\nObject.defineProperty(WasmBackendModuleThreadedSimd, 'toString', { value: () => ${JSON.stringify(source)} });\n`;
  return glue + pin;
}

export function tfjsWasmThreads(): Plugin {
  return {
    name: 'tfjs-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      if (!THREADED_GLUE.test(id.split('?')[0])) return null;
      return { code: patchThreadedGlue(code), map: null };
    },
  };
}
