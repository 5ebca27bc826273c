/** Number formats shared by the views. */

/** 55843464 → "55.8 M", 13155794016 → "13.2 G", 1536 → "1,536". */
export function compact(value: number): string {
  const units: ReadonlyArray<[number, string]> = [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [size, unit] of units) {
    if (Math.abs(value) >= size * 10 || (unit !== 'k' && Math.abs(value) >= size)) {
      const scaled = value / size;
      return `${scaled.toFixed(scaled >= 100 ? 0 : 1)} ${unit}`;
    }
  }
  return exact(value);
}

/** 55843464 → "55,843,464" (fixed locale, so tests and screenshots do not depend on the machine). */
export function exact(value: number): string {
  return value.toLocaleString('en-US');
}

/** 0.01234 → "1.23 %"; tiny shares keep two significant digits ("0.0041 %"). */
export function percent(share: number): string {
  const p = share * 100;
  if (p === 0) return '0 %';
  if (p < 0.01) return `${p.toPrecision(2)} %`;
  return `${p.toFixed(p >= 10 ? 1 : 2)} %`;
}

/** "17×17×160": the model layer's shape format, under the name the views use. */
export { formatShape as shapeText } from '../model/analysis/layer-shape.ts';
