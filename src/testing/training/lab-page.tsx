/**
 * The lab page on the harness page, driven by the fake TrainingApi (no training, the same curves every
 * time), for screenshots and e2e checks of the page itself (layout, themes, phone width, axe) before the
 * training worker exists: the whole app is mounted at /learn with a store that races stand-in networks.
 *   await page.evaluate(async () => (await window.harness.load('learn-page')).mountLab({ steps: 150 }))
 * (the harness module src/testing/harness/modules/learn-page.ts hands this on).
 */
import { createRoot } from 'react-dom/client';
import { memoryLocation } from 'wouter/memory-location';
import { App } from '../../views/App.tsx';
import type { Locale } from '../../views/i18n/locale.ts';
import { LearnStore } from '../../views/learn/learn-store.ts';
import { MemoryLabStorage } from '../../views/learn/persistence.ts';
import { readSettings } from '../../views/learn/url-settings.ts';
import { LearnContext } from '../../views/learn/useLearn.ts';
import '../../views/styles.css';
import { FakeTrainingApi, type FakeTrainingOptions } from './fake-training.ts';
import { placeholderEntries } from './race-networks.ts';

export interface MountOptions extends FakeTrainingOptions {
  /** The lab's URL (settings in its query). */
  path?: string;
  /** Steps of the race shown. */
  steps?: number;
  /** Steps of an earlier run, overlaid on the one shown (dashed); none when absent. */
  compareSteps?: number;
  locale?: Locale;
  /** Mount the page without starting a race (the settings unlocked, no curves yet). */
  idle?: boolean;
}

export async function mountLab(options: MountOptions = {}): Promise<{ runs: number; records: number }> {
  const path = options.path ?? '/learn';
  const fake = new FakeTrainingApi({ stepsPerEpoch: 25, msPerStep: 180, ...options });
  let run = 0;
  const store = new LearnStore({
    startWorker: () => ({ api: fake, gone: new Promise(() => undefined), terminate: () => undefined }),
    storage: new MemoryLabStorage(),
    entries: placeholderEntries,
    now: () => Date.UTC(2026, 4, 12, 9, 30) + run * 3_600_000,
    newRunId: () => `run-${++run}`,
  });
  const { settings } = readSettings(path.split('?')[1] ?? '');
  if (options.compareSteps) {
    await store.start({ ...settings, seed: settings.seed + 1 });
    fake.step(options.compareSteps);
    await store.stop();
  }
  if (!options.idle) {
    await store.start(settings);
    fake.step(options.steps ?? 0);
  }
  await store.settled();
  if (options.compareSteps) await store.compareWith('run-1');
  document.body.replaceChildren();
  const root = Object.assign(document.createElement('div'), { id: 'root' });
  document.body.append(root);
  const location = memoryLocation({ path });
  createRoot(root).render(
    <LearnContext.Provider value={store}>
      <App
        router={{ hook: location.hook, searchHook: location.searchHook }}
        {...(options.locale ? { locale: options.locale } : {})}
      />
    </LearnContext.Provider>,
  );
  return { runs: store.getSnapshot().runs.length, records: store.getSnapshot().run?.records.length ?? 0 };
}
