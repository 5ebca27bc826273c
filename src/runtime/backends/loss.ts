/**
 * Notices when the GPU goes away under a running backend: a WebGPU device is "lost" (driver reset, GPU
 * process crash, another tab hogging memory) and a WebGL context is "lost" likewise. tfjs does not
 * recover from either, so the caller is told and rebuilds on the next backend. A WebGPU error nobody
 * captured (a validation error, running out of GPU memory) is treated the same way: the command it came
 * from was dropped, so what the backend computes from then on cannot be trusted.
 */
import type { BackendName } from './select.ts';
import type { FailureDetail } from '../failure-words.ts';

/** The parts of tfjs's WebGPU backend and of GPUDevice used here (avoids depending on @webgpu/types). */
interface WebGpuBackendLike {
  device?: Partial<EventTarget> & { lost?: Promise<{ reason?: string; message?: string }> };
}

/** The parts of tfjs's WebGL backend used here. */
interface WebGlBackendLike {
  gpgpu?: { gl?: { canvas?: EventTarget } };
}

export function watchBackendLoss(
  name: BackendName,
  backend: unknown,
  listener: (reason: FailureDetail) => void,
): () => void {
  let active = true;
  const notify = (reason: FailureDetail) => {
    if (!active) return;
    active = false;
    listener(reason);
  };
  if (name === 'webgpu') {
    const device = (backend as WebGpuBackendLike).device;
    void device?.lost?.then((info) => {
      // "destroyed" is our own dispose, not a failure.
      if (info.reason !== 'destroyed')
        notify({ code: 'backend.device-lost', params: info.message ? { detail: info.message } : {} });
    });
    const onError = (event: Event) => {
      const message = (event as Event & { error?: { message?: string } }).error?.message;
      notify({
        code: 'backend.device-error',
        params: message ? { detail: message.trim().replace(/\s*\n\s*/g, ' ') } : {},
      });
    };
    device?.addEventListener?.('uncapturederror', onError);
    return () => {
      active = false;
      device?.removeEventListener?.('uncapturederror', onError);
    };
  }
  if (name === 'webgl') {
    const canvas = (backend as WebGlBackendLike).gpgpu?.gl?.canvas;
    if (!canvas || typeof canvas.addEventListener !== 'function') return () => undefined;
    const onLost = () => notify({ code: 'backend.context-lost', params: {} });
    canvas.addEventListener('webglcontextlost', onLost);
    return () => {
      active = false;
      canvas.removeEventListener('webglcontextlost', onLost);
    };
  }
  return () => undefined;
}
