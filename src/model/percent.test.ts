import { describe, expect, it } from 'vitest';
import { formatPercent, NBSP } from './percent.ts';

describe('formatPercent', () => {
  it('writes a fixed number of decimals with a no-break space by default', () => {
    expect(formatPercent(19.84)).toBe(`19.8${NBSP}%`);
    expect(formatPercent(20, { digits: 0 })).toBe(`20${NBSP}%`);
    expect(formatPercent(45.21, { digits: 2, space: '' })).toBe('45.21%');
  });

  it('writes probabilities with two decimals under 10 % and never an exponent', () => {
    expect(formatPercent(5.8e-22, { digits: 'probability' })).toBe(`<${NBSP}0.01${NBSP}%`);
    expect(formatPercent(0, { digits: 'probability' })).toBe(`0${NBSP}%`);
    expect(formatPercent(1.234, { digits: 'probability' })).toBe(`1.23${NBSP}%`);
    expect(formatPercent(50, { digits: 'probability', space: ' ' })).toBe('50.0 %');
  });

  it('writes rough shares as whole percents, one decimal under 10 %', () => {
    expect(formatPercent(4.5, { digits: 'rough' })).toBe(`4.5${NBSP}%`);
    expect(formatPercent(37.6, { digits: 'rough' })).toBe(`38${NBSP}%`);
    expect(formatPercent(0, { digits: 'rough' })).toBe(`0${NBSP}%`);
  });

  it('writes nothing measured as a dash', () => {
    expect(formatPercent(Number.NaN)).toBe('–');
  });
});
