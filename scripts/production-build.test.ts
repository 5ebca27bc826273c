import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspHeader } from './csp.ts';

/**
 * The app's build (`vite build`, vite.config.ts) ships no test code: no harness page, and no module of
 * src/testing/ or the recipe-weights generator in any chunk, the workers' included. The e2e build
 * (vite.harness.config.ts) adds the harness; this builds the app's own and reads each chunk's source map,
 * which names every source file bundled into it.
 */
const TEST_ONLY = [/^src\/testing\//, /^src\/runtime\/weights\/recipe(-checkpoint)?\.ts$/, /^harness\.html$/];

let dist: string;
beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'production-build-'));
  await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
}, 600_000);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Every source file named by the build's source maps, relative to the project root. The page's maps name
 * sources relative to where the map is; the workers' (built on their own) as if the build were in
 * <root>/dist.
 */
function bundledSources(): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  const root = process.cwd();
  for (const map of files(dist).filter((f) => f.endsWith('.map'))) {
    const parsed = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] };
    const chunk = relative(dist, map);
    for (const source of parsed.sources) {
      const beside = resolve(join(map, '..'), source);
      const absolute = beside.startsWith(root)
        ? beside
        : resolve(root, 'dist', relative(dist, join(map, '..')), source);
      const path = relative(root, absolute).replaceAll('\\', '/');
      sources.set(path, [...(sources.get(path) ?? []), chunk]);
    }
  }
  return sources;
}

describe('the production build', () => {
  it('has the app and no harness page', () => {
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
    expect(existsSync(join(dist, 'harness.html'))).toBe(false);
  });

  it("writes the deployment's headers for every path in dist/_headers: COOP, COEP and the CSP", () => {
    const [path, ...lines] = readFileSync(join(dist, '_headers'), 'utf8').trimEnd().split('\n');
    expect(path).toBe('/*');
    const headers = Object.fromEntries(
      lines.map((line) =>
        line
          .trim()
          .split(/: (.*)/s)
          .slice(0, 2),
      ),
    );
    expect(headers).toEqual({
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Content-Security-Policy': cspHeader(),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });

  it('bundles no test-only module, in the page or in the workers', () => {
    const sources = bundledSources();
    // The maps do cover the inference worker and the runtime it loads, where test code would land.
    expect([...sources.keys()]).toEqual(
      expect.arrayContaining(['src/runtime/worker/inference.worker.ts', 'src/runtime/executor/network.ts']),
    );
    const testOnly = [...sources.entries()].filter(([path]) => TEST_ONLY.some((pattern) => pattern.test(path)));
    expect(testOnly.map(([path, chunks]) => `${path} in ${chunks.join(', ')}`)).toEqual([]);
  });
});
