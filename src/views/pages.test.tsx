// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { ComparePage } from './compare/ComparePage.tsx';
import { FigureRedirect, FiguresPage } from './figures/FiguresPage.tsx';
import { HomePage } from './home/HomePage.tsx';
import { NotFoundPage } from './not-found/NotFoundPage.tsx';

afterEach(cleanup);

function at(path: string, children: ReactNode) {
  const location = memoryLocation({ path, record: true });
  render(
    <Router hook={location.hook} searchHook={location.searchHook}>
      {children}
    </Router>,
  );
  return location;
}

describe('home', () => {
  it("shows the three networks with their costs and the paper's errors", () => {
    at('/', <HomePage />);
    const card = (title: string) => screen.getByRole('region', { name: title });
    const irv2 = within(card('Inception-ResNet-v2'));
    expect(irv2.getByText('55.8 M', { exact: false }).textContent).toContain('(released)');
    expect(irv2.getByText('13.2 G', { exact: false })).toBeTruthy();
    expect(irv2.getByText('19.9 % / 4.9 %', { exact: false })).toBeTruthy();
    expect(irv2.getByRole('link', { name: 'Explore Inception-ResNet-v2' }).getAttribute('href')).toBe(
      '/inception-resnet-v2/released',
    );
    // Inception-ResNet-v1 has only the paper's form and no weights.
    const irv1 = within(card('Inception-ResNet-v1'));
    expect(irv1.getByRole('link', { name: 'Explore Inception-ResNet-v1' }).getAttribute('href')).toBe(
      '/inception-resnet-v1/paper',
    );
    expect(irv1.getByText('No public weights')).toBeTruthy();
    expect(irv1.getByRole('link', { name: 'Fig. 15' }).getAttribute('href')).toBe(
      '/figure/15?network=inception-resnet-v1',
    );
    expect(within(card('Inception-v4')).getByText('20.0 % / 5.0 %', { exact: false })).toBeTruthy();
    // The portrait of where the compute goes: Inception-ResNet-v2 spends about half in its 17×17 blocks.
    expect(irv2.getByRole('img', { name: /^Multiply-adds by stage/ }).getAttribute('aria-label')).toContain(
      '17×17 blocks (B) 49.4\u00a0%',
    );
  });

  it("groups the small networks for learning under the paper's, each with its cost and what it is made from", () => {
    at('/', <HomePage />);
    const group = within(screen.getByRole('region', { name: 'Small networks (for learning)' }));
    const explore = group.getAllByRole('link', { name: /^Explore / }).map((a) => a.getAttribute('href'));
    expect(explore).toEqual([
      '/inception-v4-s/released',
      '/inception-resnet-v2-s/released',
      '/inception-resnet-v2-s-no-shortcuts/released',
    ]);
    const twin = within(screen.getByRole('region', { name: 'Inception-ResNet-v2-S without shortcuts' }));
    expect(twin.getByTitle('1,041,474').textContent).toBe('1.0\u00a0M');
    expect(twin.getByTitle('182,489,216').textContent).toBe('182\u00a0M at 32×32');
    expect(twin.getByRole('link', { name: 'Inception-ResNet-v2' }).getAttribute('href')).toBe(
      '/inception-resnet-v2/released',
    );
    expect(twin.getByText('width ×0.25, blocks 1/2/1')).toBeTruthy();
    expect(twin.getByText('Not pretrained')).toBeTruthy();
    // Their grids are not the paper's 35×35, 17×17 and 8×8: the strip names the groups without sizes.
    const strip = twin.getByRole('img', { name: /^Multiply-adds by stage/ });
    expect(strip.getAttribute('aria-label')).toMatch(/A blocks [\d.]+\u00a0%/);
  });

  it('says the stage strips measure multiply-adds and names every segment in full, none clipped', () => {
    at('/', <HomePage />);
    const cards = screen.getAllByRole('region').filter((region) => region.classList.contains('card'));
    expect(cards).toHaveLength(6);
    for (const card of cards) {
      const strip = card.querySelector('figure.stage-strip')!;
      expect(strip.querySelector('figcaption')?.textContent).toBe('Multiply-adds by stage');
      const segments = strip.querySelectorAll('.stage-bar .segment');
      // No text inside the bar, where a narrow segment would clip it.
      expect(strip.querySelector('.stage-bar')?.textContent).toBe('');
      const key = [...strip.querySelectorAll('.stage-key li')].map((li) => li.textContent);
      expect(key).toHaveLength(segments.length);
      expect(key.map((k) => k!.replace(/ (<\u00a0)?[\d.]+\u00a0%$/, ''))).toEqual([
        'Stem',
        'A blocks',
        'Reduction-A',
        'B blocks',
        'Reduction-B',
        'C blocks',
        'Classifier',
      ]);
    }
  });
});

describe('compare', () => {
  it('aligns the stages and charts params and multiply-adds', () => {
    at('/compare', <ComparePage />);
    expect(screen.getByRole('img', { name: 'Parameters per stage' }).querySelectorAll('rect')).toHaveLength(7 * 3);
    expect(screen.getByRole('img', { name: 'Multiply-adds per stage' }).querySelectorAll('rect')).toHaveLength(7 * 3);
    const row = screen.getByRole('rowheader', { name: '17×17 blocks (B)' }).parentElement!;
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells[0]).toContain('7 × Inception-B');
    expect(cells[2]).toContain('20 × Inception-ResNet-B');
    expect(cells[2]).toContain('17×17×1088');
  });

  it("switches to the paper's definitions", () => {
    at('/compare', <ComparePage />);
    expect(screen.getByRole('link', { name: 'As in the paper' }).getAttribute('href')).toBe('/compare?variant=paper');
  });
});

describe('figures', () => {
  it('lists every block figure and both schema figures', () => {
    at('/figures', <FiguresPage />);
    const numbers = screen.getAllByText(/^Fig\. \d+$/).map((n) => Number(n.textContent!.slice(5)));
    expect(numbers).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15, 16, 17, 18, 19]);
    // Fig. 15 is the schema of both Inception-ResNets: one entry each, each keeping its network.
    const fig15 = screen
      .getAllByRole('link', { name: /^Fig\. 15/ })
      .map((a) => [a.textContent, a.getAttribute('href')]);
    expect(fig15).toEqual([
      ['Fig. 15Schema of the whole networkInception-ResNet-v1', '/figure/15?network=inception-resnet-v1'],
      ['Fig. 15Schema of the whole networkInception-ResNet-v2', '/figure/15?network=inception-resnet-v2'],
    ]);
  });

  it('keeps the network of a shared figure: Fig. 15 and Fig. 7 of Inception-ResNet-v1 stay in Inception-ResNet-v1', () => {
    const fig15 = at('/figure/15?network=inception-resnet-v1', <FigureRedirect params={{ figure: '15' }} />);
    expect(fig15.history.at(-1)).toBe('/inception-resnet-v1/paper');
    cleanup();
    const fig7 = at('/figure/7?network=inception-resnet-v1', <FigureRedirect params={{ figure: '7' }} />);
    expect(fig7.history.at(-1)).toBe('/inception-resnet-v1/paper/reduction-a');
    cleanup();
    // A network that does not draw the figure: the figure's own view.
    const fig17 = at('/figure/17?network=inception-v4', <FigureRedirect params={{ figure: '17' }} />);
    expect(fig17.history.at(-1)).toBe('/inception-resnet-v2/paper/inception-resnet-b');
  });

  it("leads a small network's figures to its base network's: Fig. 7 of Inception-v4-S is Inception-v4's", () => {
    const fig7 = at('/figure/7?network=inception-v4-s', <FigureRedirect params={{ figure: '7' }} />);
    expect(fig7.history.at(-1)).toBe('/inception-v4/paper/reduction-a');
    cleanup();
    const twin = '/figure/15?network=inception-resnet-v2-s-no-shortcuts';
    const fig15 = at(twin, <FigureRedirect params={{ figure: '15' }} />);
    expect(fig15.history.at(-1)).toBe('/inception-resnet-v2/paper');
  });

  it("redirects /figure/17 to the paper's Inception-ResNet-B and explains an unknown figure", () => {
    const location = at('/figure/17', <FigureRedirect params={{ figure: '17' }} />);
    expect(location.history.at(-1)).toBe('/inception-resnet-v2/paper/inception-resnet-b');
    cleanup();
    at('/figure/2', <FigureRedirect params={{ figure: '2' }} />);
    expect(screen.getByRole('alert').textContent).toContain(
      'The paper has no figure "2" drawing a block or a network; these do: 3, 4, 5',
    );
  });
});

describe('not found', () => {
  it('says what is missing and offers a way back', () => {
    at(
      '/x',
      <NotFoundPage
        message={'There is no block "x" in Inception-v4 (paper).'}
        back={{ href: '/inception-v4/paper', label: 'Inception-v4 (paper)' }}
      />,
    );
    expect(screen.getByText('There is no block "x" in Inception-v4 (paper).')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to Inception-v4 (paper)' }).getAttribute('href')).toBe(
      '/inception-v4/paper',
    );
    expect(screen.getByRole('link', { name: 'All networks' }).getAttribute('href')).toBe('/');
  });
});
