/** How the weights cards describe a load in progress and which cached copy they may use. */
import type { CachedWeightsInfo } from '../../runtime/loading/cache.ts';
import { formatBytes } from '../../runtime/loading/download.ts';
import { provenanceOf, sameProvenance } from '../../runtime/loading/sources.ts';
import type { LoadPhaseProgress } from '../../runtime/worker/protocol.ts';
import { networks as english, type NetworksMessages } from '../i18n/en/networks.ts';

/**
 * Whether a cached copy is used now: the user's own file, or a copy from the current download source
 * (a mirror's copy never stands in for Hugging Face's, nor the other way round).
 */
export function cacheUsable(cached: CachedWeightsInfo | undefined, baseUrl: string): boolean {
  return !!cached && (cached.provenance.kind === 'file' || sameProvenance(cached.provenance, provenanceOf(baseUrl)));
}

/** "12.3 MB of 171.2 MB (7 %), 4.1 MB/s" */
export function describeProgress(progress: LoadPhaseProgress | undefined, m: NetworksMessages = english): string {
  const t = m.progress;
  if (!progress) return t.starting;
  switch (progress.phase) {
    case 'read-cache':
      return t.readCache;
    case 'read-file':
      return t.readFile;
    case 'validate':
      return t.validate;
    case 'store':
      return t.store;
    case 'build':
      return t.build;
    case 'download': {
      if (progress.connecting) return t.connecting(progress.attempt ?? 1, progress.attempts ?? 1);
      const received = progress.received ?? 0;
      const total = progress.total;
      const share = total ? ` (${Math.floor((received / total) * 100)} %)` : '';
      const speed = progress.bytesPerSecond ? `, ${formatBytes(progress.bytesPerSecond)}/s` : '';
      const retry = (progress.attempt ?? 1) > 1 ? t.attempt(progress.attempt!) : '';
      return `${formatBytes(received)}${total ? t.of(formatBytes(total)) : ''}${share}${speed}${retry}`;
    }
  }
}
