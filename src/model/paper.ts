/** What the paper reports about each network (Table 2) and its idea in one line, for the home and compare views. */
import type { PaperNetworkId } from './types.ts';

export interface PaperResult {
  /** Single crop, single model, ILSVRC-2012 validation, as reported in Table 2 (percent). */
  top1Error: number;
  top5Error: number;
}

export interface NetworkFacts {
  id: PaperNetworkId;
  title: string;
  idea: string;
  /** Figure of the paper showing the whole network. */
  schemaFigure: number;
  paper: PaperResult;
  /** Accuracy of the released TF-slim checkpoint (percent), where one exists. */
  releasedAccuracy?: { top1: number; top5: number };
}

export const NETWORK_FACTS: Readonly<Record<PaperNetworkId, NetworkFacts>> = {
  'inception-v4': {
    id: 'inception-v4',
    title: 'Inception-v4',
    idea: 'A deeper, uniform Inception without residual connections: a stem, then 4/7/3 Inception-A/B/C blocks with explicit reduction blocks.',
    schemaFigure: 9,
    paper: { top1Error: 20.0, top5Error: 5.0 },
    releasedAccuracy: { top1: 80.2, top5: 95.2 },
  },
  'inception-resnet-v1': {
    id: 'inception-resnet-v1',
    title: 'Inception-ResNet-v1',
    idea: 'Cheap Inception blocks, each wrapped in a residual connection with a linear 1×1 projection; roughly the cost of Inception-v3.',
    schemaFigure: 15,
    paper: { top1Error: 21.3, top5Error: 5.5 },
  },
  'inception-resnet-v2': {
    id: 'inception-resnet-v2',
    title: 'Inception-ResNet-v2',
    idea: 'The wider residual Inception, roughly the cost of Inception-v4; residuals are scaled down (0.1–0.3) to keep training stable.',
    schemaFigure: 15,
    paper: { top1Error: 19.9, top5Error: 4.9 },
    releasedAccuracy: { top1: 80.4, top5: 95.3 },
  },
};

/** Table 2 rows for networks not defined here, for context in comparisons. */
export const OTHER_TABLE_2_RESULTS: ReadonlyArray<{ title: string } & PaperResult> = [
  { title: 'BN-Inception', top1Error: 25.2, top5Error: 7.8 },
  { title: 'Inception-v3', top1Error: 21.2, top5Error: 5.6 },
];
