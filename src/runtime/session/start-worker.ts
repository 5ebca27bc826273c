/** Starts the inference worker from its own chunk (a module worker, so TensorFlow.js is code-split). */
export function startInferenceWorker(name: string): Worker {
  return new Worker(new URL('../worker/inference.worker.ts', import.meta.url), { type: 'module', name });
}
