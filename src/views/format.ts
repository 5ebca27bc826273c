/**
 * Number formats shared by the views, one per kind of quantity: counts (compact, exact), shares and
 * probabilities (percent), rough shares of charts and the lab (roundPercent), the paper's error rates
 * (errorRate), values measured in a network (value: activations, weights, biases, logits) and residual
 * scales (residualScale). A number and its unit are joined by a no-break space, so that a line never ends
 * between them ("12.7 %", "13.2 G"). Dates and times: dateTime.
 */

import { formatPercent, NBSP } from '../model/percent.ts';

export { NBSP };

/** 55843464 → "55.8 M", 13155794016 → "13.2 G", 1536 → "1,536". */
export function compact(value: number): string {
  const units: ReadonlyArray<[number, string]> = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) {
    if (Math.abs(value) >= size * 10 || (unit !== 'k' && Math.abs(value) >= size)) {
      const scaled = value / size;
      return `${scaled.toFixed(scaled >= 100 ? 0 : 1)}${NBSP}${unit}`;
    }
  }
  return exact(value);
}

/** 55843464 → "55,843,464" (fixed locale, so tests and screenshots do not depend on the machine). */
export function exact(value: number): string {
  return value.toLocaleString('en-US');
}

/** 0.01234 → "1.23 %", 0.5 → "50.0 %"; what rounds to nothing is "< 0.01 %" (a softmax's 5.8e-24 among them). */
export function percent(share: number): string {
  return formatPercent(share * 100, { digits: 'probability' });
}

/** Shares read off a chart or a race: whole percents, one decimal under 10 % ("4.5 %"), and 0 as "0 %". */
export function roundPercent(share: number): string {
  return formatPercent(share * 100, { digits: 'rough' });
}

/** A share with a fixed number of decimals, "–" for none measured: 0.198 → "19.8 %" (rates, explained variance). */
export function fixedPercent(share: number, digits = 1): string {
  return formatPercent(share * 100, { digits });
}

/** An error rate of the paper's Table 2, always with its one decimal: 20 → "20.0 %". */
export function errorRate(percentValue: number): string {
  return formatPercent(percentValue);
}

/** "top-1 20.0 %, top-5 5.0 %": the paper's single-crop errors, written one way everywhere. */
export function topErrors(result: { top1Error: number; top5Error: number }): string {
  return `top-1 ${errorRate(result.top1Error)}, top-5 ${errorRate(result.top5Error)}`;
}

/** A value measured in a network, for reading: three significant digits, no exponent for the usual range. */
export function value(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(2);
  return Number(v.toPrecision(3)).toString();
}

/** A residual scale (0 to 1, the lab's slider moves by 0.01): two decimals, 0.1 → "0.10". */
export function residualScale(s: number): string {
  return s.toFixed(2);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment in the reader's language (an HTML `lang`), date and time: "Dec 7, 2026, 2:05 PM". The formatter
 * is made at the first date shown, not when a page renders: the first Intl.DateTimeFormat of a page loads
 * ICU's date patterns, 22–65 ms in Chromium here, which /learn used to pay on every load.
 */
export function dateTime(ms: number, lang: string): string {
  let format = dateTimeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    dateTimeFormats.set(lang, format);
  }
  return format.format(ms);
}

/** "17×17×160": the model layer's shape format, under the name the views use. */
export { formatShape as shapeText } from '../model/analysis/layer-shape.ts';
