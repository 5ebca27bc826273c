/** `inception-explorer summary <model> [--variant paper|released] [--json]` */
import { parseArgs } from 'node:util';
import { formatShape } from '../model/analysis/layer-shape.ts';
import { summarize, type NetworkSummary } from '../model/analysis/summary.ts';
import { findNetwork } from '../model/networks/index.ts';
import { compact, grouped, percent, table } from './format.ts';
import { CliError, type Io } from './io.ts';

export const SUMMARY_USAGE = 'inception-explorer summary <model> [--variant paper|released] [--json]';

export function runSummary(args: readonly string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { variant: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new CliError(`usage: ${SUMMARY_USAGE}`, 2);
  const found = findNetwork(positionals[0], values.variant);
  if (!found.ok) throw new CliError(found.message, 2);
  const summary = summarize(found.network);
  io.out(values.json ? JSON.stringify(summary) : formatSummary(summary));
  return 0;
}

export function formatSummary(summary: NetworkSummary): string {
  const rows = summary.stages.map((s) => [
    s.count > 1 ? `${s.count} × ${s.name}` : s.name,
    formatShape(s.output),
    grouped(s.params),
    compact(s.macs),
    percent(s.params, summary.params),
    percent(s.macs, summary.macs),
  ]);
  rows.push(['Total', '', grouped(summary.params), compact(summary.macs), '100.0%', '100.0%']);
  const lines = [
    `${summary.model} (${summary.variant}), input ${formatShape(summary.input)}`,
    '',
    table(['Block', 'Output', 'Params', 'Mult-adds', 'Params %', 'Mult-adds %'], rows),
    '',
    `Parameters: ${grouped(summary.params)}    Multiply-adds: ${grouped(summary.macs)}`,
    'Repeated blocks are listed once; their figures are totals over all repetitions.',
  ];
  if (summary.problems.length > 0) {
    lines.push('', `Shape problems (${summary.problems.length}):`);
    for (const p of summary.problems) lines.push(`  - ${p.node}: ${p.message}`);
  }
  return lines.join('\n');
}
