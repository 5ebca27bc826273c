/** Plain-text table and number formatting for the CLI: the one place the commands format numbers. */
import { formatPercent } from '../model/percent.ts';
import type { ErrorRate } from '../runtime/evaluation/metrics.ts';

/** 12253974624 → "12,253,974,624" */
export function grouped(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** 12253974624 → "12.25 G" */
export function compact(value: number): string {
  const units: Array<[number, string]> = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, unit] of units) if (Math.abs(value) >= size) return `${(value / size).toFixed(2)} ${unit}`;
  return String(value);
}

/** 3 of 8 → "37.5%" (a share of a table's total); "–" of nothing. */
export function percent(part: number, total: number): string {
  return total === 0 ? '–' : formatPercent((100 * part) / total, { space: '' });
}

/** 0.4521 → "45.21%" (a probability or a share, as a percentage with `digits` decimals). */
export function fractionPercent(fraction: number, digits: number): string {
  return formatPercent(100 * fraction, { digits, space: '' });
}

/** A rate as the paper's tables write it: 0.198 → "19.8 %"; "–" for none measured. */
export function rateText(rate: number): string {
  return formatPercent(rate * 100, { space: ' ' });
}

/** An error rate like the paper's tables, with its interval: "18.7 % (95 % CI 14.2–24.1 %)"; "–" for none. */
export function errorText(error: ErrorRate): string {
  if (error.total === 0) return '–';
  const [lo, hi] = error.ci95;
  return `${rateText(error.rate)} (95 % CI ${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)} %)`;
}

/** Left-aligns the first column, right-aligns the others. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
