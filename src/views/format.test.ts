import { describe, expect, it } from 'vitest';
import { compact, errorRate, exact, percent, shapeText, topErrors } from './format.ts';

/** The tests write the no-break space as "~". */
const nb = (s: string) => s.replace(/~/g, '\u00a0');

describe('format', () => {
  it('writes counts compactly, the unit held to the number', () => {
    expect(compact(55_843_464)).toBe(nb('55.8~M'));
    expect(compact(13_155_794_016)).toBe(nb('13.2~G'));
    expect(compact(1_536)).toBe('1,536');
    expect(compact(215_040)).toBe(nb('215~k'));
    expect(compact(2_000_000)).toBe(nb('2.0~M'));
    expect(compact(0)).toBe('0');
  });

  it('writes exact counts, shares and shapes', () => {
    expect(exact(42_679_816)).toBe('42,679,816');
    expect(percent(0.5)).toBe(nb('50.0~%'));
    expect(percent(0.012345)).toBe(nb('1.23~%'));
    expect(percent(0.0000412)).toBe(nb('0.0041~%'));
    expect(percent(0)).toBe(nb('0~%'));
    expect(shapeText([17, 17, 160])).toBe('17×17×160');
  });

  it('writes the paper\'s error rates one way: one decimal, unit held', () => {
    expect(errorRate(20)).toBe(nb('20.0~%'));
    expect(errorRate(4.9)).toBe(nb('4.9~%'));
    expect(topErrors({ top1Error: 20, top5Error: 5 })).toBe(nb('top-1 20.0~%, top-5 5.0~%'));
  });
});
