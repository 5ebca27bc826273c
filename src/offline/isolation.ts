/**
 * Cross-origin isolation from the service worker, for hosts that cannot set headers (GitHub Pages): the
 * worker adds COOP/COEP (isolation-headers.ts, the headers every server of the app sends) to the
 * same-origin responses it serves, so that once it controls the page (one reload) the page is
 * cross-origin isolated and WebAssembly gets SharedArrayBuffer and its threads.
 */
import { ISOLATION_HEADERS } from './isolation-headers.ts';

/**
 * `response` with the isolation headers added where missing (a host's own headers win). Opaque and
 * error responses, which carry no readable headers, are passed through as they are.
 */
export function withCrossOriginIsolation(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.type === 'error' || response.status === 0) return response;
  const missing = Object.entries(ISOLATION_HEADERS).filter(([name]) => !response.headers.has(name));
  if (missing.length === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of missing) headers.set(name, value);
  // A null-body status (204, 304) must be built without a body.
  const body = [101, 204, 205, 304].includes(response.status) ? null : response.body;
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
