import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../analysis/analyze.ts';
import { concat, conv, dense, globalAvgPool, linearConv, repeat, residual, seq } from '../builders.ts';
import type { NetworkDefinition } from '../types.ts';
import { fitProjections } from './projections.ts';
import { projectionOf } from './residuals.ts';

const block = (projection: number) =>
  residual(seq([concat([conv('1x1', 3), conv('3x3', 5)]), linearConv(projection)]), { scale: 0.1 });

/**
 * Two repeated residual stages whose projections are both wrong: the first pass gives the second the
 * first's wrong output width (9); only once the first is fixed does the second see its real input (7).
 */
const broken: NetworkDefinition = {
  id: 'inception-resnet-v2-s',
  variant: 'released',
  title: 'test',
  source: 'test',
  input: [8, 8, 3],
  classes: 2,
  stages: [conv('3x3', 7), repeat(2, block(9)), repeat(3, block(4)), globalAvgPool(), dense(2)],
};

describe('fitProjections', () => {
  it("sets each projection to its input's channels, also where fixing one changes the next one's input", () => {
    expect(analyzeNetwork(broken).problems.length).toBeGreaterThan(0);
    const fitted = fitProjections(broken);
    const a = analyzeNetwork(fitted);
    expect(a.problems).toEqual([]);
    const projections = fitted.stages.flatMap((s) =>
      s.kind === 'repeat' && s.body.kind === 'residual' ? [projectionOf(s.body.residual).filters] : [],
    );
    expect(projections).toEqual([7, 7]);
  });

  it('returns a network whose projections already fit unchanged', () => {
    const fitted = fitProjections(broken);
    expect(fitProjections(fitted)).toEqual(fitted);
  });
});
