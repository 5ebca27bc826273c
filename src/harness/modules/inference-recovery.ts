/**
 * A lost GPU device, on purpose: the inference service runs here on the page (the worker's GL context
 * cannot be reached from a test), on WebGL, with Inception-v4 loaded; then the context is lost through
 * WEBGL_lose_context, and the service must rebuild the network on the next backend and say so.
 */
import * as tf from '@tensorflow/tfjs-core';
import { WeightsCache } from '../../runtime/loading/cache.ts';
import type { BackendReport, WorkerEvent } from '../../runtime/worker/protocol.ts';
import { BrowserRuntime } from '../../runtime/worker/runtime.ts';
import { InferenceService } from '../../runtime/worker/service.ts';

export interface RecoveryReport {
  before?: string;
  after?: string;
  report: BackendReport;
  events: string[];
  classifiedOn?: string;
  top?: number[];
}

export async function loseWebGlWhileLoaded(baseUrl: string, photoBase64: string): Promise<RecoveryReport> {
  await caches.delete('harness-recovery');
  const service = new InferenceService(new BrowserRuntime(), new WeightsCache(caches, 'harness-recovery'));
  const events: WorkerEvent[] = [];
  await service.subscribe((event) => events.push(event));
  const started = await service.setBackend('webgl');
  if (started.active !== 'webgl') return { report: started, events: [] };
  await service.loadWeights('inception-v4', { kind: 'download', baseUrl }, 'recovery');
  const before = (await service.weightsState('inception-v4')).loaded?.backend;

  const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
  gl.getExtension('WEBGL_lose_context')!.loseContext();
  for (let i = 0; i < 600 && !events.some((e) => e.kind === 'backend' && e.report.notice); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const report = await service.backend();
  const after = (await service.weightsState('inception-v4')).loaded?.backend;
  const bytes = Uint8Array.from(atob(photoBase64), (c) => c.charCodeAt(0));
  const outcome = await service.classify({ kind: 'blob', blob: new Blob([bytes]), name: 'photo.jpg' }, ['inception-v4'], 5);
  outcome.results[0].crop.close();
  await caches.delete('harness-recovery');
  return {
    before, after, report,
    events: events.map((e) => (e.kind === 'backend' ? `backend:${e.report.active}` : `weights:${e.state.loaded?.backend}`)),
    classifiedOn: outcome.results[0].backend,
    top: outcome.results[0].top.map((t) => t.classIndex),
  };
}
