/**
 * Where a checkpoint's file is fetched from: Hugging Face by default, or a mirror with the same layout
 * (`<base>/<repo>/resolve/main/<file>`), set by the user or by the `weights` URL parameter (tests point
 * it at a local server).
 */
import type { CheckpointRef } from './cache.ts';

export const HUGGING_FACE = 'https://huggingface.co';

export type BaseUrlCheck = { ok: true; baseUrl: string } | { ok: false; message: string };

/** Normalises a base URL typed by the user, or says what is wrong with it. */
export function checkBaseUrl(text: string): BaseUrlCheck {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, baseUrl: HUGGING_FACE };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: `weights base URL "${trimmed}" is not a URL (expected e.g. ${HUGGING_FACE})` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `weights base URL "${trimmed}" must start with https:// or http://` };
  }
  if (url.search || url.hash) {
    return { ok: false, message: `weights base URL "${trimmed}" must not have a query or fragment` };
  }
  return { ok: true, baseUrl: url.href.replace(/\/+$/, '') };
}

/** The URL of the checkpoint's file under `baseUrl` (Hugging Face's layout). */
export function weightsUrl(checkpoint: CheckpointRef, baseUrl: string = HUGGING_FACE): string {
  const path = [...checkpoint.repo.split('/'), 'resolve', 'main', ...checkpoint.file.split('/')]
    .map(encodeURIComponent)
    .join('/');
  return `${baseUrl.replace(/\/+$/, '')}/${path}`;
}

/** "model.safetensors of timm/inception_v4.tf_in1k": how messages name a checkpoint file. */
export function checkpointLabel(checkpoint: CheckpointRef): string {
  return `${checkpoint.file} of ${checkpoint.repo}`;
}
