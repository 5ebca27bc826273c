/** Durations for people, in progress bars and ETAs (CLI and pages alike). */

/** 200_000 → "3 min 20 s", 4_000 → "4 s", 5_400_000 → "1 h 30 min". */
export function durationText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
