import { describe, expect, it } from 'vitest';
import { watchBackendLoss } from './loss.ts';
import { englishFailure } from '../failure-words.ts';

describe('watchBackendLoss', () => {
  it('reports a lost WebGPU device once, but not our own destroy()', async () => {
    let lose!: (info: { reason: string; message: string }) => void;
    const backend = {
      device: {
        lost: new Promise<{ reason: string; message: string }>((resolve) => {
          lose = resolve;
        }),
      },
    };
    const reasons: string[] = [];
    watchBackendLoss('webgpu', backend, (r) => reasons.push(englishFailure(r)));
    lose({ reason: 'unknown', message: 'GPU hung' });
    await Promise.resolve();
    await Promise.resolve();
    expect(reasons).toEqual(['the WebGPU device was lost: GPU hung']);

    const destroyed = { device: { lost: Promise.resolve({ reason: 'destroyed', message: '' }) } };
    const none: string[] = [];
    watchBackendLoss('webgpu', destroyed, (r) => none.push(englishFailure(r)));
    await Promise.resolve();
    await Promise.resolve();
    expect(none).toEqual([]);
  });

  it('reports an uncaptured WebGPU error (a dropped command) once, until unsubscribed', () => {
    const device = Object.assign(new EventTarget(), { lost: new Promise<never>(() => undefined) });
    const reasons: string[] = [];
    const stop = watchBackendLoss('webgpu', { device }, (r) => reasons.push(englishFailure(r)));
    const error = (message: string) => Object.assign(new Event('uncapturederror'), { error: { message } });
    device.dispatchEvent(error('Buffer usages must not be 0.\n - While calling [Device].CreateBuffer.\n'));
    device.dispatchEvent(error('a second one'));
    expect(reasons).toEqual([
      'the WebGPU device reported an error: Buffer usages must not be 0. - While calling [Device].CreateBuffer.',
    ]);
    stop();
    const after: string[] = [];
    watchBackendLoss('webgpu', { device }, (r) => after.push(englishFailure(r)))();
    device.dispatchEvent(error('after'));
    expect(after).toEqual([]);
  });

  it('reports a lost WebGL context from the canvas event, until unsubscribed', () => {
    const canvas = new EventTarget();
    const backend = { gpgpu: { gl: { canvas } } };
    const reasons: string[] = [];
    const stop = watchBackendLoss('webgl', backend, (r) => reasons.push(englishFailure(r)));
    canvas.dispatchEvent(new Event('webglcontextlost'));
    canvas.dispatchEvent(new Event('webglcontextlost'));
    expect(reasons).toEqual(['the WebGL context was lost']);
    stop();
    const after: string[] = [];
    const stop2 = watchBackendLoss('webgl', backend, (r) => after.push(englishFailure(r)));
    stop2();
    canvas.dispatchEvent(new Event('webglcontextlost'));
    expect(after).toEqual([]);
  });
});
