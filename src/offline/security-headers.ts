/**
 * The deployment's headers from the service worker, for hosts that cannot set headers (GitHub Pages): the
 * worker adds the headers every server of the app sends (scripts/csp.ts: COOP/COEP, the
 * Content-Security-Policy with frame-ancestors, X-Content-Type-Options: nosniff, Referrer-Policy) to the
 * same-origin responses it serves. Once it controls the page (one reload) the page is cross-origin
 * isolated (WebAssembly gets SharedArrayBuffer and its threads), and the page and its workers (the
 * inference worker takes its policy from its script's response, which no <meta> tag reaches) run under
 * the CSP, cannot be framed, and are not content-sniffed.
 */
import { securityHeaders } from '../../scripts/csp.ts';

const HEADERS = Object.entries(securityHeaders());

/**
 * `response` with the security headers added where missing (a host's own headers win, each by name).
 * Opaque and error responses, which carry no readable headers, are passed through as they are.
 */
export function withSecurityHeaders(response: Response): Response {
  const unreadable = response.type === 'opaque' || response.type === 'opaqueredirect' || response.type === 'error';
  if (unreadable || response.status === 0) return response;
  const missing = HEADERS.filter(([name]) => !response.headers.has(name));
  if (missing.length === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of missing) headers.set(name, value);
  // A null-body status (204, 304) must be built without a body.
  const body = [101, 204, 205, 304].includes(response.status) ? null : response.body;
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
