/**
 * The one percent formatter of the app and the CLI. Each kind of quantity picks its digits: a fixed
 * number (error rates like the paper's tables: "19.8 %"), "probability" (a softmax output: two decimals
 * under 10 %, and what rounds to nothing as "< 0.01 %"), or "rough" (shares read off a chart: whole
 * percents, one decimal under 10 %). The views join number and sign with a no-break space, so a line never
 * ends between them; the CLI passes its own space.
 */

/** U+00A0 NO-BREAK SPACE. */
export const NBSP = '\u00a0';

export type PercentDigits = number | 'probability' | 'rough';

export interface PercentStyle {
  /** Default 1. */
  digits?: PercentDigits;
  /** Between the number and "%" (default NBSP). */
  space?: string;
}

/** A percentage `p` (0–100) as text; "–" for NaN (nothing measured). */
export function formatPercent(p: number, style: PercentStyle = {}): string {
  if (Number.isNaN(p)) return '–';
  const space = style.space ?? NBSP;
  const digits = style.digits ?? 1;
  if (digits === 'probability') {
    if (p === 0) return `0${space}%`;
    if (p < 0.005) return `<${space}0.01${space}%`;
    return `${p.toFixed(p >= 10 ? 1 : 2)}${space}%`;
  }
  if (digits === 'rough') return `${p === 0 ? 0 : p.toFixed(p < 10 ? 1 : 0)}${space}%`;
  return `${p.toFixed(digits)}${space}%`;
}
