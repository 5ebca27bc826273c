import { ISOLATION_HEADERS } from '../src/offline/isolation-headers.ts';

/**
 * The app's Content-Security-Policy, one definition for every place it is applied: the `vite preview`
 * server (the e2e tests run against it), a <meta> tag in the built pages (so a host that sets no headers
 * still enforces it), and `dist/_headers` (the deployment's headers, Netlify / Cloudflare Pages format).
 *
 * What it assumes:
 * - Scripts come from the app's origin only; no inline script (the theme is set by /theme-init.js).
 *   WebAssembly needs 'wasm-unsafe-eval' (the TensorFlow.js WASM backend compiles its .wasm module).
 * - Workers: the inference worker is a module script from the origin. The threaded WASM build starts
 *   its helper (pthread) workers from blob: URLs, and each of them loads the Emscripten factory with
 *   importScripts(blob:): so blob: in worker-src AND script-src (without the latter the helpers die at
 *   start and WebAssembly falls back to one thread after a 15 s wait). Only the app's own code makes
 *   blob: URLs; an attacker able to make one already runs script here. A service worker is a script from
 *   the origin and is covered by 'self'.
 * - Connections: the origin, Hugging Face and its file hosts (downloads redirect to *.hf.co), CIFAR-10's
 *   home (www.cs.toronto.edu, the training data's download: src/runtime/training/data/cifar10-download.ts),
 *   any https mirror the user chooses, and plain http only to this computer (a local mirror; checkBaseUrl
 *   refuses other http URLs). The named hosts are also covered by https:, but are listed so that the
 *   policy still says where the app's own downloads go if https: is ever narrowed. IPv6 literals cannot be
 *   written in a CSP, so http://[::1] is not allowed.
 * - Images from the origin, blob: (exported PNG/SVG) and data: (the favicon); styles from the origin
 *   (React and d3 set styles through the CSSOM, which CSP does not restrict).
 * - No plugins, no <base>, forms post only to the origin, and no framing (a header only: <meta> cannot
 *   say frame-ancestors, nor where to report).
 */
const DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': [
    "'self'",
    'https://huggingface.co',
    'https://*.huggingface.co',
    'https://*.hf.co',
    'https://www.cs.toronto.edu',
    'https:',
    'http://localhost:*',
    'http://127.0.0.1:*',
  ],
  'img-src': ["'self'", 'blob:', 'data:'],
  'style-src': ["'self'"],
  'font-src': ["'self'"],
  'media-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Directives a <meta> policy ignores (with a console warning): they must come as a header. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

function serialise(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The policy as a header; `reportUri` adds where violations are posted (the e2e preview server). */
export function cspHeader(reportUri?: string): string {
  return serialise(reportUri ? { ...DIRECTIVES, 'report-uri': [reportUri] } : DIRECTIVES);
}

/** The policy as a <meta http-equiv> tag can carry it. */
export function cspMeta(): string {
  return serialise(Object.fromEntries(Object.entries(DIRECTIVES).filter(([name]) => !HEADER_ONLY.has(name))));
}

/** Headers for every response of the deployed app: cross-origin isolation, the CSP and two more. */
export function securityHeaders(reportUri?: string): Record<string, string> {
  return {
    ...ISOLATION_HEADERS,
    'Content-Security-Policy': cspHeader(reportUri),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** Where the preview server collects violation reports (e2e asserts none arrive). */
export const CSP_REPORT_PATH = '/__csp-report';
