import { dense, dropout, globalAvgPool, seq } from '../builders.ts';
import type { Sequence, Variant } from '../types.ts';
import { keyIn } from './form.ts';

/** Average pooling → dropout (keep 0.8) → fully connected → softmax, as in Figs. 9 and 15. */
export function head(form: Variant, classes: number, classifierKey: string): Sequence {
  return seq(
    [
      globalAvgPool({ name: 'Average Pooling' }),
      dropout(0.8),
      dense(classes, { name: 'Fully connected', ...keyIn(form, classifierKey) }),
    ],
    { name: 'Classifier', block: { id: 'head', note: 'Logits; the softmax is applied when classifying.' } },
  );
}
