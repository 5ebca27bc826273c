/** The blocks of Inception-v4 (paper Figs. 3–8); the stem and Reduction-A are shared with Inception-ResNet-v2. */
import { avgPool, concat, conv, maxPool, seq } from '../builders.ts';
import type { Concat, Sequence, Variant } from '../types.ts';
import { branchOrder, keyIn } from './form.ts';

/**
 * Fig. 3: the stem of Inception-v4 and Inception-ResNet-v2, 299×299×3 → 35×35×384.
 * Readers of the figure report the 7×1 conv before the 1×7 one; the released code has 1×7 first.
 * The three concatenations are named as each form names them: the figure's "Filter concat" with the
 * shape it writes below it, the code's Mixed_3a…5a (TF-slim's and timm's names, not the paper's).
 */
export function inceptionV4Stem(form: Variant): Sequence {
  const k = (key: string) => keyIn(form, key);
  const named = (figure: string, code: string) => ({ name: form === 'paper' ? `Filter concat (${figure})` : code });
  const factorized =
    form === 'paper' ? [conv('7x1', 64), conv('1x7', 64)] : [conv('1x7', 64, k('1')), conv('7x1', 64, k('2'))];
  return seq(
    [
      conv('3x3', 32, { stride: 2, padding: 'valid', ...k('features.0') }),
      conv('3x3', 32, { padding: 'valid', ...k('features.1') }),
      conv('3x3', 64, k('features.2')),
      concat([maxPool('3x3', k('maxpool')), conv('3x3', 96, { stride: 2, padding: 'valid', ...k('conv') })], {
        ...named('73×73×160', 'Mixed_3a'),
        ...k('features.3'),
      }),
      concat(
        [
          seq([conv('1x1', 64, k('0')), conv('3x3', 96, { padding: 'valid', ...k('1') })], k('branch0')),
          seq([conv('1x1', 64, k('0')), ...factorized, conv('3x3', 96, { padding: 'valid', ...k('3') })], k('branch1')),
        ],
        { ...named('71×71×192', 'Mixed_4a'), ...k('features.4') },
      ),
      concat([conv('3x3', 192, { stride: 2, padding: 'valid', ...k('conv') }), maxPool('3x3', k('maxpool'))], {
        ...named('35×35×384', 'Mixed_5a'),
        ...k('features.5'),
      }),
    ],
    {
      name: 'Stem',
      block: {
        id: 'stem',
        figure: 3,
        note: 'Three convolutions, then three filter concatenations that reduce 147×147 to 35×35.',
      },
    },
  );
}

/** Fig. 4: Inception-A, the 35×35 grid module. */
export function inceptionA(form: Variant, key?: string): Concat {
  const k = (segment: string) => keyIn(form, segment);
  return concat(
    branchOrder(form, seq([avgPool('3x3', k('0')), conv('1x1', 96, k('1'))], k('branch3')), [
      conv('1x1', 96, k('branch0')),
      seq([conv('1x1', 64, k('0')), conv('3x3', 96, k('1'))], k('branch1')),
      seq([conv('1x1', 64, k('0')), conv('3x3', 96, k('1')), conv('3x3', 96, k('2'))], k('branch2')),
    ]),
    {
      name: 'Inception-A',
      ...(key ? keyIn(form, key) : {}),
      block: { id: 'inception-a', figure: 4, releasedName: 'Mixed_5b…5e (InceptionA)' },
    },
  );
}

/** Reduction-A's filter counts (paper Table 1). */
export interface ReductionASizes {
  k: number;
  l: number;
  m: number;
  n: number;
}

/** Fig. 7: Reduction-A, 35×35 → 17×17, parameterised by {k, l, m, n} (Table 1). */
export function reductionA(form: Variant, sizes: ReductionASizes, key?: string, releasedName = 'Mixed_6a'): Concat {
  const k = (segment: string) => keyIn(form, segment);
  const { k: kk, l, m, n } = sizes;
  return concat(
    branchOrder(form, maxPool('3x3', k('branch2')), [
      conv('3x3', n, { stride: 2, padding: 'valid', ...k('branch0') }),
      seq(
        [conv('1x1', kk, k('0')), conv('3x3', l, k('1')), conv('3x3', m, { stride: 2, padding: 'valid', ...k('2') })],
        k('branch1'),
      ),
    ]),
    {
      name: 'Reduction-A',
      ...(key ? keyIn(form, key) : {}),
      block: { id: 'reduction-a', figure: 7, params: { k: kk, l, m, n }, releasedName },
    },
  );
}

/**
 * Fig. 5: Inception-B, the 17×17 grid module. The figure's long branch alternates 1×7/7×1 starting with
 * 1×7; the released code starts with 7×1 (same parameters).
 */
export function inceptionB(form: Variant, key?: string): Concat {
  const k = (segment: string) => keyIn(form, segment);
  const long =
    form === 'paper'
      ? [conv('1x7', 192), conv('7x1', 224), conv('1x7', 224), conv('7x1', 256)]
      : [conv('7x1', 192, k('1')), conv('1x7', 224, k('2')), conv('7x1', 224, k('3')), conv('1x7', 256, k('4'))];
  return concat(
    branchOrder(form, seq([avgPool('3x3', k('0')), conv('1x1', 128, k('1'))], k('branch3')), [
      conv('1x1', 384, k('branch0')),
      seq([conv('1x1', 192, k('0')), conv('1x7', 224, k('1')), conv('7x1', 256, k('2'))], k('branch1')),
      seq([conv('1x1', 192, k('0')), ...long], k('branch2')),
    ]),
    {
      name: 'Inception-B',
      ...(key ? keyIn(form, key) : {}),
      block: { id: 'inception-b', figure: 5, releasedName: 'Mixed_6b…6h (InceptionB)' },
    },
  );
}

/** Fig. 8: Inception-v4's Reduction-B, 17×17 → 8×8. */
export function reductionBV4(form: Variant, key?: string): Concat {
  const k = (segment: string) => keyIn(form, segment);
  return concat(
    branchOrder(form, maxPool('3x3', k('branch2')), [
      seq([conv('1x1', 192, k('0')), conv('3x3', 192, { stride: 2, padding: 'valid', ...k('1') })], k('branch0')),
      seq(
        [
          conv('1x1', 256, k('0')),
          conv('1x7', 256, k('1')),
          conv('7x1', 320, k('2')),
          conv('3x3', 320, { stride: 2, padding: 'valid', ...k('3') }),
        ],
        k('branch1'),
      ),
    ]),
    {
      name: 'Reduction-B',
      ...(key ? keyIn(form, key) : {}),
      block: { id: 'reduction-b', figure: 8, releasedName: 'Mixed_7a (ReductionB)' },
    },
  );
}

/**
 * Fig. 6: Inception-C, the 8×8 grid module. The figure's 448/512 pair is 1×3 then 3×1; the released code
 * has 3×1 then 1×3 (same parameters).
 */
export function inceptionC(form: Variant, key?: string): Concat {
  const k = (segment: string) => keyIn(form, segment);
  const pair =
    form === 'paper'
      ? [conv('1x3', 448), conv('3x1', 512)]
      : [conv('3x1', 448, k('branch2_1')), conv('1x3', 512, k('branch2_2'))];
  return concat(
    branchOrder(form, seq([avgPool('3x3', k('0')), conv('1x1', 256, k('1'))], k('branch3')), [
      conv('1x1', 256, k('branch0')),
      seq([
        conv('1x1', 384, k('branch1_0')),
        concat([conv('1x3', 256, k('branch1_1a')), conv('3x1', 256, k('branch1_1b'))]),
      ]),
      seq([
        conv('1x1', 384, k('branch2_0')),
        ...pair,
        concat([conv('1x3', 256, k('branch2_3a')), conv('3x1', 256, k('branch2_3b'))]),
      ]),
    ]),
    {
      name: 'Inception-C',
      ...(key ? keyIn(form, key) : {}),
      block: { id: 'inception-c', figure: 6, releasedName: 'Mixed_7b…7d (InceptionC)' },
    },
  );
}
