import { describe, expect, it } from 'vitest';
import {
  compact,
  dateTime,
  errorRate,
  exact,
  percent,
  residualScale,
  roundPercent,
  shapeText,
  topErrors,
  value,
} from './format.ts';

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
    expect(percent(0.0000712)).toBe(nb('0.01~%'));
    expect(percent(0)).toBe(nb('0~%'));
    expect(shapeText([17, 17, 160])).toBe('17×17×160');
  });

  it('writes what rounds to nothing as "< 0.01 %", never in exponent notation (a softmax\'s tail)', () => {
    expect(percent(5.8e-24)).toBe(nb('<~0.01~%'));
    expect(percent(0.0000412)).toBe(nb('<~0.01~%'));
  });

  it('writes rough shares in whole percents, one decimal under 10 %', () => {
    expect(roundPercent(0.5)).toBe(nb('50~%'));
    expect(roundPercent(0.045)).toBe(nb('4.5~%'));
    expect(roundPercent(0)).toBe(nb('0~%'));
  });

  it('writes values measured in a network with three significant digits, and residual scales with two decimals', () => {
    expect(value(-0.00854391)).toBe('-0.00854');
    expect(value(12.345678)).toBe('12.3');
    expect(value(0.0000123)).toBe('1.23e-5');
    expect(value(0)).toBe('0');
    expect(residualScale(0.1)).toBe('0.10');
    expect(residualScale(0)).toBe('0.00');
    expect(residualScale(0.17)).toBe('0.17');
  });

  it("writes the paper's error rates one way: one decimal, unit held", () => {
    expect(errorRate(20)).toBe(nb('20.0~%'));
    expect(errorRate(4.9)).toBe(nb('4.9~%'));
    expect(topErrors({ top1Error: 20, top5Error: 5 })).toBe(nb('top-1 20.0~%, top-5 5.0~%'));
  });

  it("writes a moment in the reader's language, making its formatter at the first date written, once", () => {
    const Original = Intl.DateTimeFormat;
    let made = 0;
    Intl.DateTimeFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        made++;
      }
    } as typeof Original;
    try {
      const moment = Date.UTC(2026, 11, 7, 14, 5);
      expect(dateTime(moment, 'en')).toMatch(/^Dec 7, 2026, \d{1,2}:05\s?[AP]M$/);
      expect(dateTime(moment + 60_000, 'en')).toMatch(/:06\s?[AP]M$/);
      expect(dateTime(moment, 'zh-CN')).toMatch(/^2026年12月7日/);
      expect(made).toBe(2);
    } finally {
      Intl.DateTimeFormat = Original;
    }
  });
});
