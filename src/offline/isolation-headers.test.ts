import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * COOP/COEP are defined once (isolation-headers.ts) and every place that sends them imports that
 * definition: the dev and preview servers and dist/_headers (vite.config.ts, scripts/csp.ts), the service
 * worker (security-headers.ts, through scripts/csp.ts) and the benchmarks' static server. Tests and the
 * README may spell them out.
 */
const DEFINITION = 'src/offline/isolation-headers.ts';
/** A header name as a string literal: what a second definition (or a hand-written header) would contain. */
const NAMED = /['"`]Cross-Origin-(Opener|Embedder)-Policy/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|js|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the cross-origin isolation headers', () => {
  it('are named in one source file only', () => {
    const files = [...['src', 'scripts', 'bench', 'e2e'].flatMap(sources), 'vite.config.ts', 'vite.harness.config.ts'];
    const naming = files.filter((file) => NAMED.test(readFileSync(file, 'utf8')));
    expect(naming).toEqual([DEFINITION]);
  });

  it('come from that file wherever they are sent', () => {
    for (const [user, specifier] of [
      ['vite.config.ts', './src/offline/isolation-headers.ts'],
      ['scripts/csp.ts', '../src/offline/isolation-headers.ts'],
      ['bench/support/static-server.ts', '../../src/offline/isolation-headers.ts'],
    ]) {
      const imports = new RegExp(`import \\{ ISOLATION_HEADERS \\} from '${specifier}'`);
      expect(readFileSync(user, 'utf8'), user).toMatch(imports);
    }
  });
});

/** A directive's source list as a string literal: what a second copy of the CSP would contain. */
const CSP_SOURCE = /['"`]'wasm-unsafe-eval'|frame-ancestors['"`]/;

describe('the Content-Security-Policy and the other security headers', () => {
  it('are defined in scripts/csp.ts only', () => {
    const files = [...['src', 'scripts', 'bench', 'e2e'].flatMap(sources), 'vite.config.ts', 'vite.harness.config.ts'];
    expect(files.filter((file) => CSP_SOURCE.test(readFileSync(file, 'utf8')))).toEqual(['scripts/csp.ts']);
  });

  it('come from there in the service worker, as in the servers and dist/_headers', () => {
    expect(readFileSync('src/offline/security-headers.ts', 'utf8')).toMatch(
      /import \{ securityHeaders \} from '..\/..\/scripts\/csp.ts'/,
    );
    expect(readFileSync('src/offline/service-worker.ts', 'utf8')).toMatch(/withSecurityHeaders\(/);
  });
});
