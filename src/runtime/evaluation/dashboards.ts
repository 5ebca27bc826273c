/**
 * The figures behind the evaluation's dashboards for one mode: its reliability bins with the ECE, and its confusion.
 */
import { outcomesOf, reliability, type Reliability } from './calibration.ts';
import { confusion, type Confusion } from './confusion.ts';
import type { ImageRecord } from './records.ts';

export interface ModeDashboard {
  key: string;
  reliability: Reliability;
  confusion: Confusion;
}

export function modeDashboard(records: readonly ImageRecord[], key: string): ModeDashboard {
  return { key, reliability: reliability(outcomesOf(records, key)), confusion: confusion(records, key) };
}
