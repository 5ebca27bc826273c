// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLocation } from 'wouter/memory-location';
import { App } from '../App.tsx';
import { LOCALE_STORAGE_KEY } from '../i18n/locale.ts';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

function renderApp() {
  const location = memoryLocation({ path: '/does-not-exist' });
  return render(<App router={{ hook: location.hook, searchHook: location.searchHook }} />);
}

describe('<LanguageToggle>', () => {
  it('switches the interface to 简体中文, sets lang on the document and remembers the choice', () => {
    renderApp();
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('link', { name: 'Networks' })).toBeTruthy();
    act(() => screen.getByRole('button', { name: '中文' }).click());
    expect(document.documentElement.lang).toBe('zh-Hans');
    expect(screen.getByRole('link', { name: '网络' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('未找到');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('zh');

    // A new visit starts in the remembered language.
    cleanup();
    renderApp();
    expect(document.documentElement.lang).toBe('zh-Hans');
    expect(screen.getByRole('button', { name: 'English' })).toBeTruthy();

    // Back to the browser's language: nothing is kept, the app follows the browser again.
    act(() => screen.getByRole('button', { name: 'English' }).click());
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBeNull();
  });
});
