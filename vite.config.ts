import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      // harness.html is the e2e/benchmark harness for runtime code; the app never links to it.
      input: { main: 'index.html', harness: 'harness.html' },
    },
  },
  // ES-module workers keep dynamic imports as chunks: the inference worker loads only the tfjs backend it uses.
  worker: { format: 'es' },
  server: { port: 5173 },
  preview: { port: 4173 },
});
