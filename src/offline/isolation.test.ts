import { describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS } from './isolation-headers.ts';
import { withCrossOriginIsolation } from './isolation.ts';

describe('withCrossOriginIsolation', () => {
  it('adds COOP and COEP to a response without them, keeping status, headers and body', async () => {
    const response = withCrossOriginIsolation(new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(response.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(response.headers.get('Content-Type')).toBe('text/html');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html>');
  });

  it('keeps the host\'s own headers and returns the same response when nothing is missing', () => {
    const host = new Response('x', { headers: { ...ISOLATION_HEADERS, 'Cross-Origin-Embedder-Policy': 'credentialless' } });
    expect(withCrossOriginIsolation(host)).toBe(host);
    const half = withCrossOriginIsolation(new Response('x', { headers: { 'Cross-Origin-Embedder-Policy': 'credentialless' } }));
    expect(half.headers.get('Cross-Origin-Embedder-Policy')).toBe('credentialless');
    expect(half.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
  });

  it('builds a null-body status without a body, and leaves error responses alone', () => {
    const notModified = withCrossOriginIsolation(new Response(null, { status: 304 }));
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    const error = Response.error();
    expect(withCrossOriginIsolation(error)).toBe(error);
  });
});
