// @vitest-environment jsdom
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLocation } from 'wouter/memory-location';
import { App } from '../App.tsx';

afterEach(cleanup);

function renderAt(path: string) {
  const location = memoryLocation({ path, record: true });
  render(<App router={{ hook: location.hook, searchHook: location.searchHook }} />);
  return location;
}

const box = (address: string) => document.querySelector<SVGGElement>(`svg [data-address="${address}"]`)!;
const focused = () => document.activeElement?.getAttribute('data-address') ?? document.activeElement?.tagName;

/** Lets the microtask that forgets a departure run, as between two separate user actions. */
const settle = () =>
  act(async () => {
    await Promise.resolve();
  });

describe('focus across a change of level', () => {
  it('Enter on a box opens the block with the focus on its diagram; Escape goes back up onto the box it came from', async () => {
    const location = renderAt('/inception-v4/released');
    act(() => box('inception-a').focus());
    await act(async () => {
      fireEvent.keyDown(box('inception-a'), { key: 'Enter' });
    });
    expect(location.history.at(-1)).toBe('/inception-v4/released/inception-a');
    // The block's tab stop: its input bar.
    expect(focused()).toBe('inception-a/0#input');
    await settle();

    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(focused()).not.toBe('inception-a/0#input');
    await act(async () => {
      fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    });
    expect(location.history.at(-1)).toBe('/inception-v4/released?node=inception-a');
    expect(focused()).toBe('inception-a');
    await settle();

    // Arrows work at once: no nine Tabs from <body>.
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(focused()).toBe('reduction-a');
    await act(async () => {
      fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    });
    expect(location.history.at(-1)).toBe('/');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Explore Inception-v4');
  });

  it('Paper/Released keeps the focus on the variant switch', async () => {
    renderAt('/inception-v4/released/inception-a');
    const paper = document.querySelector<HTMLAnchorElement>(
      'nav[aria-label="Variant"] a[href^="/inception-v4/paper"]',
    )!;
    act(() => paper.focus());
    await act(async () => {
      fireEvent.click(paper);
    });
    expect(document.activeElement?.textContent).toBe('Paper');
    expect(document.activeElement?.getAttribute('aria-current')).toBe('page');
  });

  it('leaves the focus alone when it was not lost (a header link to another page, then back)', async () => {
    renderAt('/inception-v4/released');
    const compare = document.querySelector<HTMLAnchorElement>('header a[href="/compare"]')!;
    act(() => compare.focus());
    await act(async () => {
      fireEvent.click(compare);
    });
    expect(document.activeElement).toBe(compare);
  });
});
