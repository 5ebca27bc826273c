import { describe, expect, it } from 'vitest';
import { inceptionResNetV2Released } from '../networks/inception-resnet-v2.ts';
import { inceptionV4Released } from '../networks/inception-v4.ts';
import { repeatedStages, withRepeats } from './repeats.ts';

describe('repeats', () => {
  it('finds the A, B and C repeated stages of both released networks', () => {
    expect(repeatedStages(inceptionV4Released).map((r) => r.count)).toEqual([4, 7, 3]);
    expect(repeatedStages(inceptionResNetV2Released).map((r) => r.count)).toEqual([10, 20, 9]);
  });

  it('keeps the checkpoint keys of the first repetitions', () => {
    const cut = repeatedStages(withRepeats(inceptionResNetV2Released, [1, 2, 3]));
    expect(cut.map((r) => [r.count, r.keys])).toEqual([
      [1, ['repeat.0']],
      [2, ['repeat_1.0', 'repeat_1.1']],
      [3, ['repeat_2.0', 'repeat_2.1', 'repeat_2.2']],
    ]);
    expect(repeatedStages(withRepeats(inceptionV4Released, [2, 1, 1]))[0].keys).toEqual(['features.6', 'features.7']);
  });

  it('refuses counts it cannot key, and the wrong number of counts', () => {
    expect(() => withRepeats(inceptionV4Released, [1, 8, 1])).toThrow('can be repeated 1 to 7 times, not 8');
    expect(() => withRepeats(inceptionV4Released, [1, 0, 1])).toThrow('not 0');
    expect(() => withRepeats(inceptionV4Released, [1.5, 1, 1])).toThrow('not 1.5');
    expect(() => withRepeats(inceptionV4Released, [1, 1])).toThrow(
      'Inception-v4 has 3 repeated stages; 2 repeat counts were given',
    );
  });
});
