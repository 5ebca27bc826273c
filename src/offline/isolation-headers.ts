/**
 * Cross-origin isolation, so that WebAssembly gets SharedArrayBuffer and runs on every core: the one
 * definition of the two headers, sent by the dev and preview servers and written to dist/_headers
 * (vite.config.ts, scripts/csp.ts), and added by the service worker for hosts that cannot send headers
 * (isolation.ts). Any host serving the build must send them on every response (README, "Hosting").
 * `require-corp` rather than `credentialless`: every subresource of the app is same-origin, and the one
 * cross-origin request (the weights, from Hugging Face or a mirror) is a CORS fetch, which COEP allows
 * either way as long as the server answers with Access-Control-Allow-Origin; `require-corp` also works
 * in Safari, which has no `credentialless`. A plain constant: the service worker imports none of the
 * app's layers, and the build configuration none of the app's code but this.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
