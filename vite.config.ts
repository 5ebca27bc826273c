import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { CSP_REPORT_PATH, cspMeta, securityHeaders } from './scripts/csp.ts';
import { tfjsWasmThreads } from './scripts/tfjs-wasm-threads.ts';
import { ISOLATION_HEADERS } from './src/offline/isolation-headers.ts';

/**
 * The deployment's headers of scripts/csp.ts (cross-origin isolation, the Content-Security-Policy and two
 * more): on every `vite preview` response (with a CSP report endpoint the e2e tests read), and as
 * dist/_headers for the deployment; the CSP also as a <meta> tag in the built pages. The dev server sends
 * the isolation headers only (React's fast refresh injects inline scripts, which the CSP forbids).
 */
function deploymentHeaders(): Plugin {
  const reports: unknown[] = [];
  return {
    name: 'inception-explorer:deployment-headers',
    transformIndexHtml(html, context) {
      if (context.server) return html;
      return {
        html,
        tags: [
          {
            tag: 'meta',
            attrs: { 'http-equiv': 'Content-Security-Policy', content: cspMeta() },
            injectTo: 'head-prepend',
          },
        ],
      };
    },
    generateBundle() {
      const lines = Object.entries(securityHeaders()).map(([name, value]) => `  ${name}: ${value}`);
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
    },
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => {
        if (request.url === CSP_REPORT_PATH) {
          if (request.method === 'POST') {
            let body = '';
            request.on('data', (chunk: Buffer) => (body += chunk.toString()));
            request.on('end', () => {
              reports.push(body);
              response.statusCode = 204;
              response.end();
            });
          } else {
            response.setHeader('Content-Type', 'application/json');
            response.end(JSON.stringify(reports));
          }
          return;
        }
        for (const [name, value] of Object.entries(securityHeaders(CSP_REPORT_PATH))) response.setHeader(name, value);
        next();
      });
    },
  };
}

/**
 * Offline and installable: the web app manifest and the service worker of src/offline/service-worker.ts
 * (precache of the built app, COOP/COEP for hosts without headers). The page registers it itself
 * (src/views/shell/useAppUpdate.ts), so no inline script meets the CSP. The weights are not precached:
 * they stay in the app's own Cache Storage entry.
 */
const offline = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src/offline',
  filename: 'service-worker.ts',
  injectRegister: false,
  registerType: 'prompt',
  manifest: {
    name: 'Inception Explorer',
    short_name: 'Inception',
    description:
      'The networks of Inception-v4, Inception-ResNet and the Impact of Residual Connections on Learning, block by block, with your photos classified in the browser.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#1f5fbf',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  injectManifest: {
    // The app and what classification needs offline: the TF.js WASM binaries, the label lists, and the
    // sample photos (public/samples/*.jpg, 160 KB in all) with their licences.
    globPatterns: ['**/*.{html,js,css,wasm,json,txt,png,svg,webmanifest}', 'samples/*.jpg'],
    globIgnores: ['harness.html', 'assets/harness-*', '_headers'],
    maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
  },
});

export default defineConfig({
  plugins: [react(), tfjsWasmThreads(), deploymentHeaders(), offline],
  build: {
    target: 'es2022',
    sourcemap: true,
    // The app only: the e2e/benchmark harness page (harness.html) is built by vite.harness.config.ts.
    rollupOptions: { input: { main: 'index.html' } },
  },
  // ES-module workers keep dynamic imports as chunks: the inference worker loads only the tfjs backend it uses.
  // Worker bundles get their own plugins: the inference worker is where the WASM backend runs.
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  server: { port: 5173, headers: ISOLATION_HEADERS },
  // `vite preview` sends securityHeaders() from the plugin above, the isolation headers included.
  preview: { port: 4173 },
});
