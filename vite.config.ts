import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CSP_REPORT_PATH, cspMeta, securityHeaders } from './scripts/csp.ts';
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


/**
 * The Content-Security-Policy of scripts/csp.ts: as headers on every `vite preview` response (with a
 * report endpoint the e2e tests read), as a <meta> tag in the built pages, and as dist/_headers for the
 * deployment. The dev server runs without it (React's fast refresh injects inline scripts).
 */
function contentSecurityPolicy(): Plugin {
  const reports: unknown[] = [];
  return {
    name: 'inception-explorer:content-security-policy',
    transformIndexHtml(html, context) {
      if (context.server) return html;
      return { html, tags: [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: cspMeta() }, injectTo: 'head-prepend' }] };
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


export default defineConfig({
  plugins: [react(), tfjsWasmThreads(), contentSecurityPolicy()],
  build: {
    target: 'es2022',
    sourcemap: true,
    // The app only: the e2e/benchmark harness page (harness.html) is built by vite.harness.config.ts.
    rollupOptions: { input: { main: 'index.html' } },
  },
  // ES-module workers keep dynamic imports as chunks: the inference worker loads only the tfjs backend it uses.
  // Worker bundles get their own plugins: the inference worker is where the WASM backend runs.
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  server: { port: 5173, headers: CROSS_ORIGIN_ISOLATION },
  preview: { port: 4173, headers: CROSS_ORIGIN_ISOLATION },
});
