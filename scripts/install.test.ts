import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The README's two commands (`npm install`, `npm test`) are the whole setup, on a machine that reaches
 * only the npm registry: no environment variable, and no install script that downloads from elsewhere.
 * Every package of package-lock.json that runs an install script has been read and is listed here with
 * what its script does; a new one fails this test until someone reads it too.
 */
const INSTALL_SCRIPTS: Record<string, string> = {
  'core-js': 'postinstall prints a funding message',
  esbuild: 'postinstall checks its platform binary, an optional dependency (@esbuild/*) from the npm registry',
  protobufjs: 'postinstall compares the version scheme of the packages that depend on it',
  sharp: 'install checks its prebuilt libvips binary, an optional dependency (@img/sharp-*) from the npm registry',
  webgpu: 'postinstall removes the macOS quarantine attribute from its Dawn binary',
};

interface LockedPackage {
  hasInstallScript?: boolean;
}

describe('installation', () => {
  it('runs no install script but the ones read and listed here', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockedPackage> };
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect([...new Set(withScripts)].sort()).toEqual(Object.keys(INSTALL_SCRIPTS).sort());
  });

  it("CI runs the README's commands on a fresh clone, with no environment variable", () => {
    const commands = readFileSync('.ci/run', 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(commands).toEqual(['set -euo pipefail', 'cd "$(dirname "$0")/.."', 'npm ci', 'npm test']);
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('npm install && npm run dev');
    expect(readme).not.toMatch(/ONNXRUNTIME_NODE_INSTALL/);
  });
});
