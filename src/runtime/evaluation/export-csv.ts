/**
 * The per-image predictions of an evaluation as CSV (RFC 4180: comma-separated, CRLF line ends, fields
 * with a comma, quote or line break quoted, quotes doubled): one row per image, the true label, the
 * ReaL labels when loaded, and for each mode the top-5 classes, the top-1 probability and whether top-1 /
 * top-5 were right. Written by hand: quoting is five lines, and no parsing is involved.
 */
import { IMAGENET_LABELS } from '../labels.ts';
import { isTopKCorrect } from './metrics.ts';
import { realLabelsOf, type RealLabels } from './real-labels.ts';
import type { ImageRecord } from './records.ts';
import { wnidOfClass } from './synsets.ts';

export function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly (string | number | boolean | undefined)[]): string {
  return fields.map(csvField).join(',');
}

const shortName = (index: number) => (IMAGENET_LABELS[index] ?? `class ${index}`).split(', ')[0];

/** The CSV text; `keys` are the mode keys to include, in column order. */
export function predictionsCsv(records: Iterable<ImageRecord>, keys: readonly string[], real?: RealLabels): string {
  const header = ['index', 'path', 'label', 'wnid', 'class', 'status', ...(real ? ['real_labels'] : [])];
  for (const key of keys) {
    header.push(
      `${key} top1`,
      `${key} top1_class`,
      `${key} top1_probability`,
      `${key} top5`,
      `${key} top1_correct`,
      `${key} top5_correct`,
    );
    if (real) header.push(`${key} real_top1_correct`);
  }
  const lines = [csvLine(header)];
  for (const record of [...records].sort((a, b) => a.index - b.index)) {
    const accepted = real ? realLabelsOf(real, record.path) : undefined;
    const row: (string | number | boolean | undefined)[] = [
      record.index,
      record.path,
      record.label,
      wnidOfClass(record.label),
      shortName(record.label),
      record.error ? `skipped: ${record.error}` : 'ok',
      ...(real
        ? [accepted === undefined ? 'not a validation image' : accepted.length === 0 ? 'left out' : accepted.join(' ')]
        : []),
    ];
    for (const key of keys) {
      const p = record.predictions?.[key];
      if (!p) {
        row.push(...Array(real ? 7 : 6).fill(undefined));
        continue;
      }
      row.push(
        p.top5[0],
        shortName(p.top5[0]),
        p.p1.toPrecision(6),
        p.top5.join(' '),
        isTopKCorrect(p.top5, record.label, 1),
        isTopKCorrect(p.top5, record.label, 5),
      );
      if (real) row.push(accepted && accepted.length > 0 ? isTopKCorrect(p.top5, accepted, 1) : undefined);
    }
    lines.push(csvLine(row));
  }
  return `${lines.join('\r\n')}\r\n`;
}
