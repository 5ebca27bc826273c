// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LocaleContext } from '../i18n/useLocale.ts';
import { setUpdateState, shouldReloadForIsolation } from './app-update.ts';
import { UpdateNotice } from './UpdateNotice.tsx';

afterEach(() => {
  cleanup();
  setUpdateState({ waiting: false, offlineReady: false });
});

describe('<UpdateNotice>', () => {
  it('shows nothing until the service worker has news, then offers the new version', () => {
    render(<UpdateNotice />);
    expect(screen.queryByRole('status')).toBeNull();
    act(() => setUpdateState({ waiting: true }));
    expect(screen.getByRole('status').textContent).toContain('A new version of Inception Explorer is available.');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    act(() => screen.getByRole('button', { name: 'Later' }).click());
    expect(screen.queryByRole('status')).toBeNull();
  });

  it("says once that the app works offline, in the reader's language", () => {
    render(
      <LocaleContext.Provider value={{ locale: 'zh', toggle: () => {} }}>
        <UpdateNotice />
      </LocaleContext.Provider>,
    );
    act(() => setUpdateState({ offlineReady: true }));
    expect(screen.getByRole('status').textContent).toContain('现在也可以离线使用了');
    expect(screen.queryByRole('button', { name: '重新加载' })).toBeNull();
  });
});

describe('shouldReloadForIsolation', () => {
  it('reloads a page the worker now serves with the headers, once', () => {
    expect(shouldReloadForIsolation(false, false)).toBe(true);
    expect(shouldReloadForIsolation(false, true)).toBe(false);
    expect(shouldReloadForIsolation(true, false)).toBe(false);
  });
});
