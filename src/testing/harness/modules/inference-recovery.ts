/**
 * A lost GPU device, on purpose: the inference service runs here on the page (the worker's GL context
 * cannot be reached from a test), on WebGL, with Inception-v4 loaded and classifying; then the context
 * is lost through WEBGL_lose_context, and the service must fail the classification stuck on it, rebuild
 * the network on the next backend without waiting for it, and say so.
 */
import * as tf from '@tensorflow/tfjs-core';
import { probeCapabilities } from '../../../runtime/backends/probe.ts';
import type { Capabilities } from '../../../runtime/backends/select.ts';
import { WeightsCache } from '../../../runtime/loading/cache.ts';
import type { BackendReport, WorkerEvent } from '../../../runtime/worker/protocol.ts';
import { BrowserRuntime } from '../../../runtime/worker/runtime.ts';
import { InferenceService } from '../../../runtime/worker/service.ts';
import { englishFailure } from '../../../runtime/failure-words.ts';

export interface RecoveryReport {
  before?: string;
  after?: string;
  /** The backend report, its notice and reasons in English (as the CLI and the logs say them). */
  report: EnglishReport;
  events: string[];
  /** The classification running when the context was lost: its error, or that it had finished first. */
  duringLoss?: { failed?: string; finishedFirst?: boolean; settledAfterMs?: number };
  classifiedOn?: string;
  top?: number[];
  /** What the probes report here, for the expected next backend. */
  capabilities?: Capabilities;
}

type EnglishReport = Omit<BackendReport, 'notice' | 'skipped'> & {
  notice?: string;
  skipped: { backend: string; reason: string }[];
};

/** `report` with its notice and reasons worded in English (the page words the same codes in its reader's language). */
const inEnglish = ({ notice, skipped, ...report }: BackendReport): EnglishReport => ({
  ...report,
  ...(notice ? { notice: englishFailure(notice) } : {}),
  skipped: skipped.map((s) => ({ backend: s.backend, reason: englishFailure(s.reason) })),
});

/**
 * Loads Inception-v4 on WebGL, starts classifying a photo, loses the WebGL context while it runs, and
 * reports how the running classification ended, the backend after recovery, and a classification after.
 */
export async function loseWebGlDuringInference(baseUrl: string, photoBase64: string): Promise<RecoveryReport> {
  await caches.delete('harness-recovery');
  const service = new InferenceService(new BrowserRuntime(), new WeightsCache(caches, 'harness-recovery'));
  const events: WorkerEvent[] = [];
  await service.subscribe((event) => events.push(event));
  const started = await service.setBackend('webgl');
  if (started.active !== 'webgl') return { report: inEnglish(started), events: [] };
  await service.loadWeights('inception-v4', { kind: 'download', baseUrl });
  const before = (await service.weightsState('inception-v4')).loaded?.backend;
  const bytes = Uint8Array.from(atob(photoBase64), (c) => c.charCodeAt(0));
  const photo = () => ({ kind: 'blob' as const, blob: new Blob([bytes]), name: 'photo.jpg' });

  let settled: { failed?: string; at: number } | undefined;
  const running = service.classify(photo(), ['inception-v4'], 5).then(
    (outcome) => {
      outcome.results[0].crop.close();
      settled = { at: performance.now() };
    },
    (error: unknown) => {
      settled = { failed: (error as Error).message, at: performance.now() };
    },
  );
  // Let the inference start (on a software GPU it takes many seconds), then lose the context under it.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const finishedFirst = settled !== undefined;
  const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
  const lostAt = performance.now();
  gl.getExtension('WEBGL_lose_context')!.loseContext();
  for (let i = 0; i < 600 && !events.some((e) => e.kind === 'backend' && e.report.notice); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await Promise.race([running, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  const report = await service.backend();
  const after = (await service.weightsState('inception-v4')).loaded?.backend;
  const outcome = await service.classify(photo(), ['inception-v4'], 5);
  outcome.results[0].crop.close();
  await caches.delete('harness-recovery');
  const current = settled as { failed?: string; at: number } | undefined;
  return {
    before,
    after,
    report: inEnglish(report),
    events: events.map((e) =>
      e.kind === 'backend' ? `backend:${e.report.active}` : `weights:${e.state.loaded?.backend}`,
    ),
    duringLoss: { failed: current?.failed, finishedFirst, settledAfterMs: current ? current.at - lostAt : undefined },
    classifiedOn: outcome.results[0].backend,
    top: outcome.results[0].top.map((t) => t.classIndex),
    capabilities: await probeCapabilities(),
  };
}
