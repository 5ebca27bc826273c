/**
 * Where a checkpoint's file is fetched from: Hugging Face by default, or a mirror with the same layout
 * (`<base>/<repo>/resolve/main/<file>`), set by the user or by the `weights` URL parameter (tests point
 * it at a local server).
 */
import { englishFailure, type FailureDetail } from '../failure-words.ts';

export const HUGGING_FACE = 'https://huggingface.co';

/** A checkpoint's file: a Hugging Face repository and a file in it (also the key of its cached copy). */
export interface CheckpointRef {
  repo: string;
  file: string;
}

/** `message` is the English of `detail`. */
export type BaseUrlCheck = { ok: true; baseUrl: string } | { ok: false; message: string; detail: FailureDetail };

const refuse = (detail: FailureDetail): BaseUrlCheck => ({ ok: false, message: englishFailure(detail), detail });

/** Normalises a base URL typed by the user, or says what is wrong with it. */
export function checkBaseUrl(text: string): BaseUrlCheck {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, baseUrl: HUGGING_FACE };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return refuse({ code: 'base-url.not-a-url', params: { url: trimmed, example: HUGGING_FACE } });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse({ code: 'base-url.scheme', params: { url: trimmed } });
  }
  if (url.username || url.password) {
    // They would be sent with every request, kept in the address and in the cache's record of the source.
    return refuse({ code: 'base-url.credentials', params: { url: url.host } });
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    // The page's Content-Security-Policy allows plain http only to this computer (a local mirror).
    return refuse({ code: 'base-url.insecure', params: { url: trimmed } });
  }
  if (url.search || url.hash) {
    return refuse({ code: 'base-url.query', params: { url: trimmed } });
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

/** Loopback hosts the Content-Security-Policy can name (scripts/csp.ts: no IPv6 literal can be written there). */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1';
}

/**
 * Where weights came from: the official host (Hugging Face), a mirror (its base URL), or a file the user
 * chose. It is part of the cache key and shown with the weights, so a mirror's file never stands in for
 * the official one.
 */
export type WeightsProvenance =
  { kind: 'official' } | { kind: 'mirror'; baseUrl: string } | { kind: 'file'; name: string };

export function provenanceOf(baseUrl: string): WeightsProvenance {
  const normalised = baseUrl.replace(/\/+$/, '');
  return normalised === HUGGING_FACE ? { kind: 'official' } : { kind: 'mirror', baseUrl: normalised };
}

/** Same source (a file is the same whatever its name: the user chose it). */
export function sameProvenance(a: WeightsProvenance, b: WeightsProvenance): boolean {
  return a.kind === b.kind && (a.kind !== 'mirror' || a.baseUrl === (b as { baseUrl: string }).baseUrl);
}
