// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { Inspector } from './Inspector.tsx';

afterEach(cleanup);

describe('<Inspector>', () => {
  it('shows the 1×7 conv of Inception-ResNet-B with its shapes, costs and checkpoint tensors', () => {
    const analysis = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
    const node = analysis.byAddress.get('inception-resnet-b/0/0/0/1/1')!;
    render(<Inspector node={node} analysis={analysis} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('1×7 conv, 160');
    const fact = (label: string) => document.querySelector(`[data-fact="${label}"]`)?.textContent;
    expect(fact('Output')).toBe('17×17×160');
    expect(fact('Input')).toBe('17×17×128');
    expect(fact('Checkpoint key')).toBe('repeat_1.0.branch1.1');
    // Where it is, in the paper's words (not the internal address).
    expect(document.querySelector('.address')?.textContent).toBe('Inception-ResNet-B › 1 of 20 › branch 2 of 2');
    expect(screen.queryByText('inception-resnet-b/0/0/0/1/1')).toBeNull();
    expect(screen.getByText('repeat_1.0.branch1.1.conv.weight').parentElement?.textContent).toBe(
      'repeat_1.0.branch1.1.conv.weight 160×128×1×7',
    );
  });

  it("explains the paper variant's 1152-vs-1154 problem on the block", () => {
    const analysis = analyzeNetwork(NETWORKS['inception-resnet-v2'].paper!);
    render(<Inspector node={analysis.byAddress.get('inception-resnet-b/0')!} analysis={analysis} />);
    expect(screen.getByRole('note').textContent).toContain('widths differ (1152 vs 1154)');
  });
});
