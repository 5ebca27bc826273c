// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LocaleContext } from '../i18n/useLocale.ts';
import type { ClassifyStore } from './store.ts';
import { framesPerSecond, Webcam } from './Webcam.tsx';

const original = Element.prototype.scrollIntoView;
afterEach(() => {
  cleanup();
  Element.prototype.scrollIntoView = original;
});

describe('<Webcam>', () => {
  it('scrolls its panel into view when it opens (it opens below the photo picker, often below the fold)', async () => {
    const scrolled: Element[] = [];
    // jsdom lays nothing out and has no scrollIntoView: record the call.
    Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
      scrolled.push(this);
    };
    // jsdom has no camera either: the panel says so, and the store is never reached.
    render(<Webcam store={{} as ClassifyStore} onClose={() => undefined} />);
    expect(scrolled).toEqual([screen.getByRole('region', { name: 'Camera' })]);
    expect((await screen.findByRole('alert')).textContent).toContain('The camera could not be opened');
  });

  it('words an error already shown in the language switched to (the error is kept as data)', async () => {
    const inLocale = (locale: 'en' | 'zh') => (
      <LocaleContext.Provider value={{ locale, toggle: () => undefined }}>
        <Webcam store={{} as ClassifyStore} onClose={() => undefined} />
      </LocaleContext.Provider>
    );
    const { rerender } = render(inLocale('en'));
    expect((await screen.findByRole('alert')).textContent).toContain('The camera could not be opened');
    rerender(inLocale('zh'));
    expect(screen.getByRole('alert').textContent).toContain('无法打开摄像头');
  });
});

describe('framesPerSecond', () => {
  it('counts frames over the recent window', () => {
    expect(framesPerSecond([])).toBe(0);
    expect(framesPerSecond([0, 500, 1000, 1500, 2000])).toBeCloseTo(2, 9);
    expect(framesPerSecond([0, 10_000, 10_250, 10_500], 3000)).toBeCloseTo(4, 9);
  });
});
