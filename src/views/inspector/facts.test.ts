import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { nodeFacts, tensorsOf } from './facts.ts';

const released = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
const paper = analyzeNetwork(NETWORKS['inception-resnet-v2'].paper!);
const table = (facts: ReturnType<typeof nodeFacts>) => Object.fromEntries(facts.map((f) => [f.label, f.value]));

describe('nodeFacts', () => {
  it('describes the 1×7 conv of Inception-ResNet-B: 17×17×128 → 17×17×160', () => {
    const node = released.byAddress.get('inception-resnet-b/0/0/0/1/1')!;
    const facts = nodeFacts(node, released);
    // 1·7·128·160 weights + 2·160 batch-norm parameters; 17·17·160·7·128 multiply-adds.
    expect(table(facts)).toEqual({
      Kind: 'Convolution',
      Kernel: '1×7',
      Stride: '1',
      Padding: 'same',
      Filters: '160',
      'After it': 'batch norm, ReLU',
      Input: '17×17×128',
      Output: '17×17×160',
      Parameters: '143,680',
      'Multiply-adds': '41,431,040',
      'Receptive field': expect.stringMatching(/^\d+×\d+\u00a0px$/),
      'Checkpoint key': 'repeat_1.0.branch1.1',
    });
    const macsShare = facts.find((f) => f.label === 'Multiply-adds')!.detail;
    expect(macsShare).toBe(`${((41_431_040 / released.macs) * 100).toFixed(2)}\u00a0% of the network`);
  });

  it('grows the receptive field by the kernel times the input cell spacing', () => {
    const before = released.byAddress.get('inception-resnet-b/0/0/0/1/0')!;
    const conv = released.byAddress.get('inception-resnet-b/0/0/0/1/1')!;
    const jump = before.receptiveField.jump;
    expect(conv.receptiveField.size[1]).toBe(before.receptiveField.size[1] + 6 * jump[1]);
    expect(table(nodeFacts(conv, released))['Receptive field']).toBe(
      `${conv.receptiveField.size[0]}×${conv.receptiveField.size[1]}\u00a0px`,
    );
  });

  it('describes a residual block, its scale and repetition, and has no keys in the paper variant', () => {
    const block = paper.byAddress.get('inception-resnet-b/0')!;
    const facts = table(nodeFacts(block, paper));
    expect(facts['Residual scale']).toBe('×0.1–0.3');
    expect(facts['Paper figure']).toBe('Fig. 17');
    expect(facts['Released name']).toBe('Block17');
    expect(facts['Layers inside']).toBe('5');
    expect(facts['Checkpoint key']).toBeUndefined();
    expect(table(nodeFacts(paper.byAddress.get('inception-resnet-b')!, paper)).Repetitions).toBe('10');
  });

  it('lists the checkpoint tensors of a released layer', () => {
    const names = tensorsOf(released, 'inception-resnet-b/0/0/0/1/1').map((t) => `${t.name} ${t.shape.join('×')}`);
    expect(names).toEqual([
      'repeat_1.0.branch1.1.conv.weight 160×128×1×7',
      'repeat_1.0.branch1.1.bn.weight 160',
      'repeat_1.0.branch1.1.bn.bias 160',
      'repeat_1.0.branch1.1.bn.running_mean 160',
      'repeat_1.0.branch1.1.bn.running_var 160',
    ]);
    expect(tensorsOf(paper, 'inception-resnet-b/0/0/0/1/1')).toEqual([]);
  });
});
