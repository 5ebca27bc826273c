import { describe, expect, it } from 'vitest';
import { errorRate } from '../runtime/evaluation/metrics.ts';
import { compact, errorText, fractionPercent, grouped, percent, table } from './format.ts';

describe("the CLI's number formatting", () => {
  it('groups, compacts and takes percentages', () => {
    expect(grouped(12253974624)).toBe('12,253,974,624');
    expect(compact(12253974624)).toBe('12.25 G');
    expect(compact(999)).toBe('999');
    expect(percent(1, 3)).toBe('33.3%');
    expect(percent(1, 0)).toBe('–');
    expect(fractionPercent(0.45211, 2)).toBe('45.21%');
    expect(fractionPercent(0.05, 1).padStart(7)).toBe('   5.0%');
  });

  it('writes an error rate and its interval like the paper', () => {
    expect(errorText(errorRate(187, 1000))).toBe('18.7 % (95 % CI 16.4–21.2 %)');
    expect(errorText(errorRate(0, 0))).toBe('–');
  });

  it('aligns a table: the first column left, the others right', () => {
    expect(
      table(
        ['name', 'n'],
        [
          ['a', '10'],
          ['bcd', '2'],
        ],
      ),
    ).toBe('name   n\n────  ──\na     10\nbcd    2');
  });
});
