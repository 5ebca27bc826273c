import { describe, expect, it } from 'vitest';
import { NETWORK_FACTS } from './paper.ts';
import { PAPER_EVALUATIONS, paperEvaluationFor } from './paper-evaluation.ts';

describe("the paper's evaluation tables", () => {
  it('agree with Table 2 as the home page shows it', () => {
    for (const id of ['inception-v4', 'inception-resnet-v2'] as const) {
      const row = paperEvaluationFor(id, 1)!;
      expect([row.top1Error, row.top5Error]).toEqual([
        NETWORK_FACTS[id].paper.top1Error,
        NETWORK_FACTS[id].paper.top5Error,
      ]);
    }
  });

  it('get better with more crops and with the ensemble, as the paper reports', () => {
    for (const id of ['inception-v4', 'inception-resnet-v2'] as const) {
      const [one, twelve, dense] = ([1, 12, 144] as const).map((c) => paperEvaluationFor(id, c)!);
      expect(one.top5Error).toBeGreaterThan(twelve.top5Error);
      expect(twelve.top5Error).toBeGreaterThan(dense.top5Error);
    }
    expect(paperEvaluationFor('ensemble', 144)).toMatchObject({ table: 5, top1Error: 16.5, top5Error: 3.1, models: 4 });
    expect(paperEvaluationFor('ensemble', 12)).toBeUndefined();
    expect(PAPER_EVALUATIONS.filter((r) => r.model).map((r) => `${r.table}:${r.model}/${r.crops}`)).toEqual([
      '2:inception-v4/1',
      '2:inception-resnet-v2/1',
      '3:inception-v4/12',
      '3:inception-resnet-v2/12',
      '4:inception-v4/144',
      '4:inception-resnet-v2/144',
      '5:ensemble/144',
    ]);
  });
});
