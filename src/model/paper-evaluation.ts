/**
 * The paper's error rates by evaluation protocol (arXiv v2, Tables 2–5), to set beside what a user
 * measures. Table 2 is on the non-blacklisted subset of the ILSVRC-2012 validation set; Tables 3–5 on all
 * 50,000 images. The crops are the paper's own (from GoogLeNet, Szegedy et al. 2015), which this project
 * can only approximate (see runtime/evaluation/crops.ts). Rows for other networks give context.
 */

export type PaperModel = 'inception-v4' | 'inception-resnet-v2' | 'ensemble';

export interface PaperEvaluation {
  table: 2 | 3 | 4 | 5;
  /** As the paper names it. */
  title: string;
  /** Our network (or the ensemble) this row can be compared with; absent for rows of other networks. */
  model?: PaperModel;
  crops: 1 | 10 | 12 | 144 | 'dense';
  /** Models in the ensemble (Table 5). */
  models?: number;
  /** Percent; undefined where the paper gives none. */
  top1Error?: number;
  top5Error: number;
  /** What the row measured that differs from what can be run here. */
  note?: string;
}

export const PAPER_EVALUATIONS: readonly PaperEvaluation[] = [
  { table: 2, title: 'BN-Inception', crops: 1, top1Error: 25.2, top5Error: 7.8 },
  { table: 2, title: 'Inception-v3', crops: 1, top1Error: 21.2, top5Error: 5.6 },
  { table: 2, title: 'Inception-ResNet-v1', crops: 1, top1Error: 21.3, top5Error: 5.5 },
  { table: 2, title: 'Inception-v4', model: 'inception-v4', crops: 1, top1Error: 20.0, top5Error: 5.0 },
  { table: 2, title: 'Inception-ResNet-v2', model: 'inception-resnet-v2', crops: 1, top1Error: 19.9, top5Error: 4.9 },
  { table: 3, title: 'ResNet-151', crops: 10, top1Error: 21.4, top5Error: 5.7 },
  { table: 3, title: 'Inception-v3', crops: 12, top1Error: 19.8, top5Error: 4.6 },
  { table: 3, title: 'Inception-ResNet-v1', crops: 12, top1Error: 19.8, top5Error: 4.6 },
  { table: 3, title: 'Inception-v4', model: 'inception-v4', crops: 12, top1Error: 18.7, top5Error: 4.2 },
  { table: 3, title: 'Inception-ResNet-v2', model: 'inception-resnet-v2', crops: 12, top1Error: 18.7, top5Error: 4.1 },
  { table: 4, title: 'ResNet-151', crops: 'dense', top1Error: 19.4, top5Error: 4.5 },
  { table: 4, title: 'Inception-v3', crops: 144, top1Error: 18.9, top5Error: 4.3 },
  { table: 4, title: 'Inception-ResNet-v1', crops: 144, top1Error: 18.8, top5Error: 4.3 },
  { table: 4, title: 'Inception-v4', model: 'inception-v4', crops: 144, top1Error: 17.7, top5Error: 3.8 },
  { table: 4, title: 'Inception-ResNet-v2', model: 'inception-resnet-v2', crops: 144, top1Error: 17.8, top5Error: 3.7 },
  { table: 5, title: 'ResNet-151 (6 models)', crops: 'dense', models: 6, top5Error: 3.6 },
  { table: 5, title: 'Inception-v3 (4 models)', crops: 144, models: 4, top1Error: 17.3, top5Error: 3.6 },
  {
    table: 5,
    title: 'Inception-v4 + 3 × Inception-ResNet-v2',
    model: 'ensemble',
    crops: 144,
    models: 4,
    top1Error: 16.5,
    top5Error: 3.1,
    note: 'four separately trained models; only one checkpoint of each network exists, so the ensemble here is Inception-v4 + Inception-ResNet-v2 (two models)',
  },
];

/** The paper's row for one of our modes, if the paper reports one. */
export function paperEvaluationFor(model: PaperModel, crops: 1 | 12 | 144): PaperEvaluation | undefined {
  return PAPER_EVALUATIONS.find((row) => row.model === model && row.crops === crops);
}
