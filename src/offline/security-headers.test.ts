import { describe, expect, it } from 'vitest';
import { cspHeader } from '../../scripts/csp.ts';
import { ISOLATION_HEADERS } from './isolation-headers.ts';
import { withSecurityHeaders } from './security-headers.ts';

describe('withSecurityHeaders', () => {
  it('adds COOP, COEP, the CSP (with frame-ancestors), nosniff and Referrer-Policy, keeping status, headers and body', async () => {
    const response = withSecurityHeaders(
      new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
    );
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(response.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(response.headers.get('Content-Security-Policy')).toBe(cspHeader());
    expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('Content-Security-Policy')).toContain("script-src 'self' 'wasm-unsafe-eval' blob:");
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(response.headers.get('Content-Type')).toBe('text/html');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html>');
  });

  it('adds them to a worker script too (the inference worker takes its policy from its own response)', () => {
    const script = withSecurityHeaders(
      new Response('self.onmessage = () => {}', { headers: { 'Content-Type': 'text/javascript' } }),
    );
    expect(script.headers.get('Content-Security-Policy')).toBe(cspHeader());
    expect(script.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it("keeps the host's own headers, each by name, and returns the same response when nothing is missing", () => {
    const all = new Response('x', {
      headers: {
        ...ISOLATION_HEADERS,
        'Content-Security-Policy': "default-src 'none'",
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'same-origin',
      },
    });
    expect(withSecurityHeaders(all)).toBe(all);
    const half = withSecurityHeaders(
      new Response('x', {
        headers: { 'Cross-Origin-Embedder-Policy': 'credentialless', 'Content-Security-Policy': "default-src 'none'" },
      }),
    );
    expect(half.headers.get('Cross-Origin-Embedder-Policy')).toBe('credentialless');
    expect(half.headers.get('Content-Security-Policy')).toBe("default-src 'none'");
    expect(half.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(half.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('builds a null-body status without a body, and leaves error responses alone', () => {
    const notModified = withSecurityHeaders(new Response(null, { status: 304 }));
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(notModified.headers.get('Content-Security-Policy')).toBe(cspHeader());
    const error = Response.error();
    expect(withSecurityHeaders(error)).toBe(error);
  });
});
