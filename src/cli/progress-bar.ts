/** The evaluation's progress on a terminal: "[█████░░░░░] 123/500 images · 1.8 images/s · 2 skipped · ETA 3 min 20 s". */
import type { RunProgress } from '../runtime/evaluation/run.ts';

/** 200_000 → "3 min 20 s", 4_000 → "4 s", 5_400_000 → "1 h 30 min". */
export function durationText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function progressBar(progress: RunProgress, width = 24): string {
  const share = progress.total === 0 ? 1 : progress.done / progress.total;
  const filled = Math.round(share * width);
  const parts = [`[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${progress.done}/${progress.total} images`];
  if (progress.imagesPerSecond > 0) parts.push(`${progress.imagesPerSecond.toFixed(2)} images/s`);
  if (progress.skipped > 0) parts.push(`${progress.skipped} skipped`);
  if (progress.etaMs !== undefined && progress.done < progress.total) parts.push(`ETA ${durationText(progress.etaMs)}`);
  return parts.join(' · ');
}
