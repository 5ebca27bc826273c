/**
 * The test harness page (`/harness.html`): lets e2e specs and benchmarks run runtime code in the real
 * browser against the production build, e.g.
 *   await page.evaluate(async () => (await window.harness.load('ping')).ping())
 * Each file in ./modules/ is one independently loaded module.
 */
const modules = import.meta.glob('./modules/*.ts');

export interface Harness {
  load(name: string): Promise<Record<string, (...args: never[]) => unknown>>;
  names(): string[];
}

declare global {
  interface Window {
    harness: Harness;
  }
}

window.harness = {
  async load(name) {
    const loader = modules[`./modules/${name}.ts`];
    if (!loader) throw new Error(`no harness module "${name}"; have: ${window.harness.names().join(', ')}`);
    return (await loader()) as Record<string, (...args: never[]) => unknown>;
  },
  names: () => Object.keys(modules).map((path) => path.replace(/^\.\/modules\/|\.ts$/g, '')),
};
document.body.dataset.harnessReady = 'true';
