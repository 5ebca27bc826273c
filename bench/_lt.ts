import { withProductionBrowser } from './support/production-browser.ts';
const NETWORKS = ['inception-v4-s', 'inception-resnet-v2-s', 'inception-resnet-v2-s-no-shortcuts'].map((n) => `${n};width=0.125`).join(',');
await withProductionBrowser('lt', async ({ browser, base }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/learn?networks=${NETWORKS}&train=100&test=100&epochs=100&batch=8&lr=0.01`);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.locator('.learn-status').filter({ hasText: /Training on/ }).waitFor({ timeout: 120_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.waitForTimeout(45_000);
  const { profile } = (await cdp.send('Profiler.stop')) as any;
  const nodes = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => { const f = nodes.get(id).callFrame; return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`; };
  const idle = (id: number) => ['(idle)', '(program)', '(root)'].includes(nodes.get(id).callFrame.functionName);
  // segments of consecutive non-idle samples
  let t = profile.startTime; const segs: { start: number; end: number; samples: number[] }[] = []; let cur: any;
  profile.samples.forEach((s: number, i: number) => {
    t += profile.timeDeltas[i];
    if (idle(s)) { if (cur) { segs.push(cur); cur = undefined; } return; }
    if (!cur) cur = { start: t, end: t, samples: [] };
    cur.end = t; cur.samples.push(s);
  });
  segs.sort((a, b) => (b.end - b.start) - (a.end - a.start));
  for (const seg of segs.slice(0, 4)) {
    const self = new Map<string, number>(); const incl = new Map<string, number>();
    for (const s of seg.samples) {
      self.set(name(s), (self.get(name(s)) ?? 0) + 1);
      const seen = new Set<string>(); let id: number | undefined = s;
      while (id !== undefined) { const k = name(id); if (!seen.has(k)) { incl.set(k, (incl.get(k) ?? 0) + 1); seen.add(k); } id = parent.get(id); }
    }
    console.log(`segment ${((seg.end - seg.start) / 1000).toFixed(1)} ms at ${((seg.start - profile.startTime) / 1e6).toFixed(1)} s, ${seg.samples.length} samples`);
    console.log('  self:', [...self].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v}`).join(' | '));
    console.log('  incl:', [...incl].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${k} ${v}`).join(' | '));
  }
});
