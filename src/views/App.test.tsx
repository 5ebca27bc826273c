// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLocation } from 'wouter/memory-location';
import { App } from './App.tsx';

afterEach(cleanup);

function renderAt(path: string) {
  const location = memoryLocation({ path, record: true });
  render(<App router={{ hook: location.hook, searchHook: location.searchHook }} />);
  return location;
}

describe('<App> routes', () => {
  it('sends /:network to its default variant', () => {
    const location = renderAt('/inception-resnet-v1');
    expect(location.history.at(-1)).toBe('/inception-resnet-v1/paper');
  });

  it('shows a block with its inspector from a deep link', () => {
    renderAt('/inception-resnet-v2/released/inception-resnet-b?node=inception-resnet-b/0/0/0/1/1');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('1×7 conv, 160');
    expect(document.querySelector('[data-fact="Output"]')?.textContent).toBe('17×17×160');
    expect(screen.getByRole('group', { name: /Inception-ResNet-B/ })).toBeTruthy();
  });

  it("leads from Inception-ResNet-v1's overview and inspector to its own figures", () => {
    const location = renderAt('/inception-resnet-v1/paper');
    const schema = screen.getByRole('link', { name: 'Fig. 15' });
    expect(schema.getAttribute('href')).toBe('/figure/15?network=inception-resnet-v1');
    act(() => schema.click());
    expect(location.history.at(-1)).toBe('/inception-resnet-v1/paper');
    cleanup();
    renderAt('/inception-resnet-v1/paper/reduction-a');
    expect(screen.getByRole('link', { name: 'Fig. 7' }).getAttribute('href')).toBe(
      '/figure/7?network=inception-resnet-v1',
    );
  });

  it('opens a small network like a released one: its overview, one form only, its block views and search', () => {
    const location = renderAt('/inception-resnet-v2-s');
    expect(location.history.at(-1)).toBe('/inception-resnet-v2-s/released');
    const base = screen.getByRole('link', { name: 'Inception-ResNet-v2' });
    expect(base.getAttribute('href')).toBe('/inception-resnet-v2/released');
    const source = /^Derived from the released Inception-ResNet-v2 \(timm inception_resnet_v2\): width ×0\.25/;
    expect(screen.getByText(source)).toBeTruthy();
    const paper = screen.getByRole('link', { name: 'Paper' });
    expect([paper.getAttribute('aria-disabled'), paper.getAttribute('href')]).toEqual(['true', null]);
    expect(paper.getAttribute('title')).toBe(
      'Inception-ResNet-v2-S is derived from a released network; the paper has no such network',
    );
    const diff = screen.getByRole('button', { name: 'vs Inception-ResNet-v2' });
    expect([diff.hasAttribute('disabled'), diff.getAttribute('title')]).toEqual([
      false,
      'Mark what differs from Inception-ResNet-v2, the network this one is derived from',
    ]);
    cleanup();
    renderAt('/inception-resnet-v2-s/released/inception-resnet-b?q=7x1');
    expect(screen.getByTestId('search-status').textContent).toBe('1 match');
  });

  it('diffs a small network against its base: the list says what differs, the stem and the shortened stages are marked', () => {
    const location = renderAt('/inception-resnet-v2-s/released');
    act(() => screen.getByRole('button', { name: 'vs Inception-ResNet-v2' }).click());
    expect(location.history.at(-1)).toBe('/inception-resnet-v2-s/released?diff');
    expect(screen.getByRole('heading', { level: 2, name: 'vs Inception-ResNet-v2' })).toBeTruthy();
    const items = [...screen.getByTestId('diff-list').querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      'changed Input: 299×299×3 in Inception-ResNet-v2, 32×32×3 in Inception-ResNet-v2-S; every grid after the stem is smaller.',
      expect.stringMatching(
        /^changed Width ×0\.25: every convolution has ×0\.25 of its filters in Inception-ResNet-v2-S \(2080 → 520, 1536 → 384, 1088 → 272, 384 → 96, …\)/,
      ),
      expect.stringMatching(
        /^changed Stem: Inception-ResNet-v2's 3×3 conv, 32, s2, V, .* replaced by 3×3 conv, 8, 3×3 conv, 8, 3×3 conv, 48 in Inception-ResNet-v2-S\. A small-input stem/,
      ),
      'changed Inception-ResNet-A: 10 repetitions in Inception-ResNet-v2, 1 in Inception-ResNet-v2-S.',
      'changed Inception-ResNet-B: 20 repetitions in Inception-ResNet-v2, 2 in Inception-ResNet-v2-S.',
      'changed Inception-ResNet-C: 10 repetitions in Inception-ResNet-v2, 2 in Inception-ResNet-v2-S.',
      'changed Classifier: 1000 classes in Inception-ResNet-v2, 10 in Inception-ResNet-v2-S.',
    ]);
    const marked = [...document.querySelectorAll('svg [data-diff]')].map(
      (box) => `${box.getAttribute('data-address')} ${box.getAttribute('data-diff')}`,
    );
    expect(document.querySelector('svg [data-address="stem"]')?.getAttribute('aria-label')).toContain(
      'changed compared with Inception-ResNet-v2',
    );
    // Mixed_5b, the reductions and Conv2d_7b are the base's layers × the width: not marked.
    expect(marked).toEqual([
      'stem changed',
      'inception-resnet-a changed',
      'inception-resnet-b changed',
      'inception-resnet-c changed',
      'head/2 changed',
    ]);
  });

  it('diffs the no-shortcut twin against its residual twin, block by block, with the note in the inspector', () => {
    renderAt('/inception-resnet-v2-s-no-shortcuts/released/inception-resnet-a?diff&node=inception-resnet-a/0');
    const items = [...screen.getByTestId('diff-list').querySelectorAll('li')].map((li) => li.textContent);
    // The list of a block view is the block's.
    expect(items).toEqual([
      'changed Inception-ResNet-A: shortcut removed in Inception-ResNet-v2-S without shortcuts: ' +
        'each block computes ReLU(r) in place of ReLU(x + 0.17·r), with the same layers and weights.',
    ]);
    const note = screen.getAllByRole('note').find((n) => n.textContent?.startsWith('vs Inception-ResNet-v2-S: '));
    expect(note?.textContent).toContain('ReLU(x + 0.17·r)');
  });

  it("inspects the no-shortcut twin's projection: the ReLU it took over, and its checkpoint tensors", () => {
    renderAt('/inception-resnet-v2-s-no-shortcuts/released/inception-resnet-b?node=inception-resnet-b/0/0/1');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('1×1 conv, 272');
    expect(document.querySelector('[data-fact="After it"]')?.textContent).toMatch(
      /^bias, ReLUA residual projection whose shortcut/,
    );
    expect(document.querySelector('.tensors')?.textContent).toContain('repeat_1.0.conv2d.weight 272×96×1×1');
    cleanup();
    renderAt('/inception-resnet-v2-s-no-shortcuts/released/inception-resnet-b?node=inception-resnet-b/0');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Inception-ResNet-B');
    expect(screen.getByText(/^Shortcut removed: act\(r\) in place of act\(x \+ s·r\) \(act = ReLU\)/)).toBeTruthy();
  });

  it('diff mode marks every stage it lists as changed (Reduction-A/B included) and gives "order" entries their legend colour', () => {
    renderAt('/inception-resnet-v2/released?diff');
    for (const stage of ['reduction-a', 'reduction-b', 'stem']) {
      expect(document.querySelector(`svg [data-address="${stage}"]`)?.getAttribute('data-diff'), stage).toBe('changed');
    }
    const list = screen.getByTestId('diff-list');
    const order = [...list.querySelectorAll('li')].filter((li) => li.querySelector('strong')?.textContent === 'order');
    expect(order.length).toBeGreaterThan(0);
    for (const li of order) expect(li.className).toBe('diff-order');
    expect(document.querySelector('.legend .diff-order')?.textContent).toContain('order');
  });

  it('selects a box on click and writes the node into the URL (replacing the entry)', () => {
    const location = renderAt('/inception-v4/paper/reduction-a');
    const before = location.history.length;
    const conv = document.querySelector('[data-address="reduction-a/2/0"]')!;
    act(() => conv.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    expect(location.history.at(-1)).toBe('/inception-v4/paper/reduction-a?node=reduction-a/2/0');
    expect(location.history.length).toBe(before);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('1×1 conv, 192');
  });

  it("explains the paper's 1152-vs-1154 problem on Inception-ResNet-B, with the released numbers", () => {
    renderAt('/inception-resnet-v2/paper/inception-resnet-b');
    const note = screen
      .getAllByRole('note')
      .map((n) => n.textContent)
      .join('\n');
    expect(note).toContain('1152 vs 1154 channels');
    expect(note).toContain('1088');
    expect(document.querySelector('[data-problem]')).not.toBeNull();
  });

  it('opens a view whose link has a stale node without it, says so, and cleans the URL', () => {
    const location = renderAt('/inception-v4/paper/stem?node=head/2&diff');
    expect(screen.getByRole('group', { name: /^Stem/ })).toBeTruthy();
    expect(screen.getByTestId('ignored-notice').textContent).toContain(
      'There is no node "head/2" in Stem of Inception-v4 (paper), so nothing is selected.',
    );
    expect(location.history.at(-1)).toBe('/inception-v4/paper/stem?diff');
    act(() => screen.getByRole('button', { name: 'Dismiss this notice' }).click());
    expect(screen.queryByTestId('ignored-notice')).toBeNull();
  });

  it('opens a link with residual scales out of range or of unknown groups without them, says so, and cleans the URL', () => {
    const location = renderAt(
      '/inception-resnet-v2/released?scale=inception-resnet-a:0.3,inception-resnet-b:1e300,__proto__:1,inception-resnet-c:NaN',
    );
    const notice = screen.getByTestId('ignored-notice').textContent;
    expect(notice).toContain(
      'The residual scale of inception-resnet-b (scale=) must be a number from 0 to 1 (0 switches its residual branches off), not 1e+300',
    );
    expect(notice).toContain(
      'The residual scale of inception-resnet-c (scale=) must be a number from 0 to 1 (0 switches its residual branches off), not NaN',
    );
    expect(notice).toContain('Inception-ResNet-v2 (released) has no residual group "__proto__" (scale=)');
    expect(location.history.at(-1)).toBe('/inception-resnet-v2/released?scale=inception-resnet-a:0.3');
  });

  it("opens a link whose channel is not one of the selected box's without it, says so, and cleans the URL", () => {
    const location = renderAt('/inception-resnet-v2/released?node=reduction-a&channel=99999');
    expect(screen.getByTestId('ignored-notice').textContent).toContain(
      'Reduction-A has channels 0 to 1087, so channel 99999 ' +
        '(channel=) was left out and its thumbnail shows the mean of its channels.',
    );
    expect(location.history.at(-1)).toBe('/inception-resnet-v2/released?node=reduction-a');
  });

  it('answers unknown networks, variants, blocks and pages with a not-found view', () => {
    for (const [path, message] of [
      ['/inception-v5/paper', 'There is no network "inception-v5".'],
      ['/inception-v4/draft', 'Inception-v4 has no variant "draft" (it has paper or released).'],
      ['/inception-v4/paper/inception-z', 'There is no block "inception-z" in Inception-v4 (paper)'],
      ['/a/b/c/d', 'There is no page at'],
    ]) {
      renderAt(path);
      expect(screen.getByRole('alert').textContent).toContain(message);
      cleanup();
    }
  });
});
