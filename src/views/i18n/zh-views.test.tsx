// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLocation } from 'wouter/memory-location';
import { App } from '../App.tsx';

afterEach(cleanup);

function renderIn(path: string) {
  const location = memoryLocation({ path });
  render(<App locale="zh" router={{ hook: location.hook, searchHook: location.searchHook }} />);
}

describe('the views in 简体中文', () => {
  it("the explorer and inspector speak Chinese, in the paper's terms, with block names as the paper writes them", () => {
    renderIn('/inception-resnet-v2/released/inception-resnet-b?node=inception-resnet-b/0/0/0/1/1');
    expect(screen.getByRole('button', { name: '导出 SVG' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '发布版' }).getAttribute('aria-current')).toBe('page');
    // The fact's label is Chinese, its key (data-fact) the same in every language.
    const output = document.querySelector('[data-fact="Output"]')!;
    expect(output.textContent).toBe('17×17×160');
    expect(output.previousElementSibling?.textContent).toBe('输出');
    expect(document.querySelector('[data-fact="Kind"]')?.textContent).toBe('卷积');
    expect(screen.getByRole('group', { name: /Inception-ResNet-B/ })).toBeTruthy();
    // The boxes keep the paper's notation; their accessible names go on in Chinese.
    expect(document.querySelector('[data-address="inception-resnet-b/0/0/0/1/1"]')?.getAttribute('aria-label')).toBe(
      '1×7 conv, 160 — 输出 17×17×160',
    );
  });

  it('the diff of a small network against its base is said in Chinese, on the button, in the list and on the boxes', () => {
    renderIn('/inception-resnet-v2-s/released?diff');
    expect(screen.getByRole('button', { name: '与 Inception-ResNet-v2 对比' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const list = screen.getByTestId('diff-list').textContent;
    expect(list).toContain('Inception-ResNet-A：Inception-ResNet-v2 中重复 10 次，Inception-ResNet-v2-S 中 1 次。');
    expect(list).toContain('Classifier：Inception-ResNet-v2 中分 1000 类，Inception-ResNet-v2-S 中分 10 类。');
    expect(list).toContain('宽度 ×0.25：');
    const stem = document.querySelector('svg [data-address="stem"]');
    expect(stem?.getAttribute('aria-label')).toContain('与 Inception-ResNet-v2 相比有改动');
  });

  it('names filter concatenation and residual connections as Chinese readers know them', () => {
    renderIn('/inception-resnet-v2/paper/inception-resnet-b');
    const kinds = () => [...document.querySelectorAll('[data-fact="Kind"]')].map((e) => e.textContent);
    expect(kinds().join()).toMatch(/残差/);
    cleanup();
    renderIn('/inception-v4/paper/inception-a');
    expect(kinds()).toContain('滤波器拼接');
  });

  it("says the model's own prose in Chinese: a block's note, the network's source, a note in the diff", () => {
    renderIn('/inception-resnet-v2/released/stem?node=stem');
    expect(document.querySelector('.inspector .empty')?.textContent).toBe(
      '发布版的 Stem 与图 3 不同：它是类似 v1 的 Stem（图 14），止于 35×35×192，之后是 Mixed_5b。',
    );
    cleanup();
    renderIn('/inception-v4/paper');
    expect(document.body.textContent).toContain('Szegedy 等，2016，图 3–9 与表 1');
    cleanup();
    renderIn('/inception-resnet-v2-s/released?diff');
    expect(screen.getByTestId('diff-list').textContent).toContain('小输入的 Stem，取代 299×299 的那个');
  });

  it("names the paper's figure in the heading as the inspector does (图, not Fig.)", () => {
    renderIn('/inception-resnet-v2/paper/inception-resnet-b');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Inception-ResNet-B（图 17）');
    expect(screen.getByRole('search').textContent).not.toMatch(/Fig\./);
  });

  it('home and compare pages: stages with their paper names, and Chinese labels', () => {
    renderIn('/compare');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('对比三个网络');
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual([
      'Stem',
      '35×35 模块（A）',
      'Reduction-A',
      '17×17 模块（B）',
      'Reduction-B',
      '8×8 模块（C）',
      '分类器',
      '合计',
      'Top-1 / Top-5 错误率',
    ]);
    cleanup();
    renderIn('/');
    // The paper's three networks, then the three small ones.
    expect(screen.getAllByRole('link', { name: /^浏览 / })).toHaveLength(6);
    expect(document.querySelector('[data-network="inception-v4"] .idea')?.textContent).toContain('没有残差连接');
    expect(screen.getByRole('heading', { level: 2, name: '小型网络（用于学习）' })).toBeTruthy();
    const twin = document.querySelector('[data-network="inception-resnet-v2-s-no-shortcuts"]');
    expect(twin?.querySelector('.idea')?.textContent).toContain('去掉了捷径');
    expect(twin?.querySelector('.stats')?.textContent).toContain('输入 32×32');
  });
});
