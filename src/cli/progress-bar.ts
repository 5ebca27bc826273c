/**
 * The evaluation's progress on a terminal: "[█████░░░░░] 123/500 images · 1.8 images/s · 2 skipped · ETA 3 min 20 s".
 */
import { durationText } from '../runtime/evaluation/duration-text.ts';
import type { RunProgress } from '../runtime/evaluation/run.ts';

export function progressBar(progress: RunProgress, width = 24): string {
  const share = progress.total === 0 ? 1 : progress.done / progress.total;
  const filled = Math.round(share * width);
  const parts = [`[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${progress.done}/${progress.total} images`];
  if (progress.imagesPerSecond > 0) parts.push(`${progress.imagesPerSecond.toFixed(2)} images/s`);
  if (progress.skipped > 0) parts.push(`${progress.skipped} skipped`);
  if (progress.etaMs !== undefined && progress.done < progress.total) parts.push(`ETA ${durationText(progress.etaMs)}`);
  return parts.join(' · ');
}
