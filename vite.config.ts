import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { tfjsWasmThreads } from './scripts/tfjs-wasm-threads.ts';

/**
 * Cross-origin isolation, so that WebAssembly gets SharedArrayBuffer and runs on every core. Any host
 * serving the build must send these two headers on every response (see README, "Hosting").
 * `require-corp` rather than `credentialless`: every subresource of the app is same-origin, and the one
 * cross-origin request (the weights, from Hugging Face or a mirror) is a CORS fetch, which COEP allows
 * either way as long as the server answers with Access-Control-Allow-Origin; `require-corp` also works
 * in Safari, which has no `credentialless`.
 */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

export default defineConfig({
  plugins: [react(), tfjsWasmThreads()],
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      // harness.html is the e2e/benchmark harness for runtime code; the app never links to it.
      input: { main: 'index.html', harness: 'harness.html' },
    },
  },
  // ES-module workers keep dynamic imports as chunks: the inference worker loads only the tfjs backend it uses.
  // Worker bundles get their own plugins: the inference worker is where the WASM backend runs.
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  server: { port: 5173, headers: CROSS_ORIGIN_ISOLATION },
  preview: { port: 4173, headers: CROSS_ORIGIN_ISOLATION },
});
