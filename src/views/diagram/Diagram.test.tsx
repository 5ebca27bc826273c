// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { layoutBlock } from '../../layout/block.ts';
import { layoutNetwork } from '../../layout/network.ts';
import { Diagram } from './Diagram.tsx';

afterEach(cleanup);

const v2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
const fig17 = layoutBlock(v2, 'inception-resnet-b/0');
const button = (name: string | RegExp) => screen.getByRole('button', { name });

describe('<Diagram>', () => {
  it('renders every box as a button named like the paper, with its output shape', () => {
    render(<Diagram layout={fig17} ariaLabel="Inception-ResNet-B" zoomable={false} />);
    expect(screen.getByRole('group', { name: 'Inception-ResNet-B' })).toBeTruthy();
    expect(button('1×7 conv, 160 — output 17×17×160')).toBeTruthy();
    expect(button('+ ×0.1 — output 17×17×1088')).toBeTruthy();
    expect(screen.getAllByRole('button')).toHaveLength(fig17.boxes.length);
    // One tab stop: the input bar at the bottom.
    const tabbable = screen.getAllByRole('button').filter((b) => b.getAttribute('tabindex') === '0');
    expect(tabbable.map((b) => b.getAttribute('data-address'))).toEqual(['inception-resnet-b/0#input']);
  });

  it('draws injected overlays inside the boxes that get one', () => {
    const roomy = layoutBlock(v2, 'inception-resnet-b/0', { thumbnail: 30 });
    const overlay = (box: { address: string; thumbnail?: number }) =>
      box.thumbnail ? <rect className="test-thumb" data-for={box.address} /> : null;
    const { container } = render(<Diagram layout={roomy} ariaLabel="B" zoomable={false} overlay={overlay} />);
    const marks = [...container.querySelectorAll('.test-thumb')];
    expect(marks).toHaveLength(roomy.boxes.filter((b) => b.thumbnail).length);
    // Each inside the group of its own box, so it moves, focuses and selects with it.
    for (const mark of marks)
      expect(mark.closest('[data-address]')?.getAttribute('data-address')).toBe(mark.getAttribute('data-for'));
  });

  it('moves the focus along the graph with the arrow keys', () => {
    render(<Diagram layout={fig17} ariaLabel="B" zoomable={false} />);
    const c1x1 = button(/^1×1 conv, 128/);
    c1x1.focus();
    fireEvent.keyDown(c1x1, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(button(/^1×7 conv, 160/));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(button(/^7×1 conv, 192/));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(button(/^1×1 conv, 192/));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement!.getAttribute('data-address')).toBe('inception-resnet-b/0#input');
    expect(document.activeElement!.getAttribute('tabindex')).toBe('0');
  });

  it('selects on click and Space, opens on Enter and double click, goes up on Escape and Backspace', () => {
    const onSelect = vi.fn();
    const onOpen = vi.fn();
    const onUp = vi.fn();
    render(<Diagram layout={fig17} ariaLabel="B" zoomable={false} onSelect={onSelect} onOpen={onOpen} onUp={onUp} />);
    const conv = button(/^1×7 conv, 160/);
    fireEvent.click(conv);
    fireEvent.keyDown(conv, { key: ' ' });
    expect(onSelect.mock.calls).toEqual([['inception-resnet-b/0/0/0/1/1'], ['inception-resnet-b/0/0/0/1/1']]);
    fireEvent.keyDown(conv, { key: 'Enter' });
    fireEvent.doubleClick(conv);
    expect(onOpen.mock.calls).toEqual([['inception-resnet-b/0/0/0/1/1'], ['inception-resnet-b/0/0/0/1/1']]);
    fireEvent.keyDown(conv, { key: 'Escape' });
    fireEvent.keyDown(conv, { key: 'Backspace' });
    expect(onUp).toHaveBeenCalledTimes(2);
  });

  it('opens a rolled-up block with "+" and rolls up the block around the focus with "-"', () => {
    const onToggle = vi.fn();
    const layout = layoutNetwork(v2, new Set(['inception-resnet-a']));
    render(<Diagram layout={layout} ariaLabel="network" zoomable={false} onToggle={onToggle} />);
    const rep = button(/^Inception-ResNet-A 3 of 10/);
    expect(rep.getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(rep, { key: '+' });
    fireEvent.keyDown(rep, { key: '-' });
    expect(onToggle.mock.calls).toEqual([['inception-resnet-a/2'], ['inception-resnet-a']]);
    expect(button(/^10 × Inception-ResNet-A/).getAttribute('aria-expanded')).toBe('true');
  });

  it('keeps the keyboard focus on a block it opens or rolls up in place', () => {
    function Stateful() {
      const [expansion, setExpansion] = useState<ReadonlySet<string>>(new Set(['inception-resnet-a']));
      const toggle = (address: string) =>
        setExpansion((e) => {
          const next = new Set(e);
          if (next.has(address)) next.delete(address);
          else next.add(address);
          return next;
        });
      return <Diagram layout={layoutNetwork(v2, expansion)} ariaLabel="network" zoomable={false} onToggle={toggle} />;
    }
    render(<Stateful />);
    const rep = button(/^Inception-ResNet-A 3 of 10/);
    rep.focus();
    fireEvent.keyDown(rep, { key: '+' });
    expect(document.activeElement!.getAttribute('data-address')).toBe('inception-resnet-a/2');
    expect(document.activeElement!.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getAllByRole('button', { name: /^1×1 conv, 320, Linear/ })).toHaveLength(1);
    fireEvent.keyDown(button(/^1×1 conv, 320, Linear/), { key: '-' });
    expect(document.activeElement!.getAttribute('data-address')).toBe('inception-resnet-a/2');
    expect(document.activeElement!.getAttribute('aria-expanded')).toBe('false');
  });

  it('marks the selection, search matches, diff and problems, also on a rolled-up block hiding them', () => {
    const paper = analyzeNetwork(NETWORKS['inception-resnet-v2'].paper!);
    const layout = layoutNetwork(paper);
    const problem = paper.problems[0];
    render(
      <Diagram
        layout={layout}
        ariaLabel="paper"
        zoomable={false}
        selected="stem"
        highlighted={new Set(['reduction-a/1/1'])}
        diff={new Map([['stem', 'changed' as const]])}
        problems={new Map([[problem.address, problem.message]])}
      />,
    );
    const stem = button(/^Stem/);
    expect(stem.getAttribute('data-diff')).toBe('changed');
    expect(stem.getAttribute('aria-label')).toContain('changed in the released network');
    const b = button(/^10 × Inception-ResNet-B/);
    expect(b.hasAttribute('data-problem')).toBe(true);
    expect(b.getAttribute('aria-label')).toContain('1152 vs 1154');
    expect(stem.hasAttribute('data-selected')).toBe(true);
    expect(document.querySelectorAll('[data-selected]')).toHaveLength(1);
    expect([...document.querySelectorAll('[data-highlighted]')].map((g) => g.getAttribute('data-address'))).toEqual([
      'reduction-a',
    ]);
    // Rings: selection on the stem, highlight on the rolled-up Reduction-A holding the match.
    expect(stem.querySelectorAll('rect[style*="selected"]')).toHaveLength(1);
    expect(button(/^Reduction-A/).querySelectorAll('rect[style*="highlight"]')).toHaveLength(1);
    expect(button(/^5 × Inception-ResNet-C/).querySelectorAll('rect[style*="highlight"]')).toHaveLength(0);
  });

  it('sets up zooming with controls when zoomable', () => {
    render(<Diagram layout={fig17} ariaLabel="B" />);
    expect(screen.getByRole('button', { name: 'Fit the diagram' })).toBeTruthy();
    const g = screen.getByRole('group', { name: 'B' }).querySelector('g');
    expect(g?.getAttribute('transform')).toBe('translate(0,0) scale(1)');
  });
});
