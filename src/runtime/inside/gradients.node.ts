/**
 * Gradient functions for TensorFlow.js in Node (the CLI's Grad-CAM). tfjs-core registers none by itself;
 * its `register_all_gradients` module is an ES module with extensionless imports, which a bundler (Vite,
 * Vitest) resolves but plain Node does not. The `@tensorflow/tfjs` package's CommonJS bundle registers
 * the same functions when required, so Node takes them from there (it loads in about a second, only when
 * a gradient is needed).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRequire } from 'node:module';
import { ensureGradients } from './gradient-support.ts';

export async function registerGradientsInNode(): Promise<void> {
  if (tf.getGradient('Conv2D')) return;
  try {
    await ensureGradients();
  } catch {
    createRequire(import.meta.url)('@tensorflow/tfjs');
  }
  if (!tf.getGradient('Conv2D')) throw new Error('TensorFlow.js gradient functions could not be registered');
}
