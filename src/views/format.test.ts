import { describe, expect, it } from 'vitest';
import { compact, exact, percent, shapeText } from './format.ts';

describe('format', () => {
  it('writes counts compactly', () => {
    expect(compact(55_843_464)).toBe('55.8 M');
    expect(compact(13_155_794_016)).toBe('13.2 G');
    expect(compact(1_536)).toBe('1,536');
    expect(compact(215_040)).toBe('215 k');
    expect(compact(2_000_000)).toBe('2.0 M');
    expect(compact(0)).toBe('0');
  });

  it('writes exact counts, shares and shapes', () => {
    expect(exact(42_679_816)).toBe('42,679,816');
    expect(percent(0.5)).toBe('50.0 %');
    expect(percent(0.012345)).toBe('1.23 %');
    expect(percent(0.0000412)).toBe('0.0041 %');
    expect(percent(0)).toBe('0 %');
    expect(shapeText([17, 17, 160])).toBe('17×17×160');
  });
});
