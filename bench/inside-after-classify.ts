/**
 * "Look inside" right after a classification (issue 17, defect 3), for bench/inside.ts: the time from the
 * click (attach the photo, look inside: the first result; then the overview diagram's thumbnails) for a
 * photo classified without its slot (as before: decoded and run again) and with it (the classification's
 * run reused). Alternated photo by photo, on the same warm worker.
 */
import type { Page } from '@playwright/test';
import { layoutNetwork } from '../src/layout/index.ts';
import { analyzeNetwork } from '../src/model/analysis/analyze.ts';
import { NETWORKS } from '../src/model/networks/index.ts';
import { callHarness } from '../src/testing/pages/harness-page.ts';
import { targetNodes, thumbnailTargets } from '../src/views/inside/targets.ts';
import { classifyOnHarness, type HarnessPhoto } from './support/harness-classify.ts';
import { median } from './support/statistics.ts';

type Network = 'inception-v4' | 'inception-resnet-v2';

interface Opened {
  firstMs: number;
  thumbnailsMs: number;
}

/** The nodes whose thumbnails the network's overview diagram shows (laid out with room for them, as with a photo). */
function overviewNodes(network: Network): string[] {
  const analysis = analyzeNetwork(NETWORKS[network].released!);
  return targetNodes(thumbnailTargets(analysis, layoutNetwork(analysis, new Set(), { thumbnail: 30 })));
}

export async function benchAfterClassify(
  page: Page,
  network: Network,
  photos: readonly HarnessPhoto[],
  count: number,
): Promise<void> {
  const nodes = overviewNodes(network);
  const times = { before: [] as Opened[], after: [] as Opened[] };
  const inference = { before: [] as number[], after: [] as number[] };
  for (let i = 0; i < count; i++) {
    for (const mode of ['before', 'after'] as const) {
      const photo = photos[i % photos.length];
      const slot = `${network}-${mode}-${i}`;
      const kept = mode === 'after' ? slot : undefined;
      inference[mode].push(await classifyOnHarness(page, photo, network, kept));
      times[mode].push(await callHarness<Opened>(page, 'inside', 'open', slot, photo.data, photo.name, network, nodes));
      await callHarness(page, 'inside', 'release', slot);
    }
  }
  const ms = (t: number) => `${t.toFixed(0)} ms`;
  const row = (mode: 'before' | 'after') =>
    `first result median ${ms(median(times[mode].map((o) => o.firstMs)))}, ` +
    `with the ${nodes.length} overview thumbnails ${ms(median(times[mode].map((o) => o.thumbnailsMs)))}; ` +
    `the classification's inference median ${ms(median(inference[mode]))}`;
  console.log(`  "Look inside" right after classifying, from the click (${count} photos each):`);
  console.log(`    classified without its slot (decoded and run again): ${row('before')}`);
  console.log(`    classified with its slot (the classification's run reused): ${row('after')}`);
}
