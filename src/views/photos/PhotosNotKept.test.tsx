// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { refuseWrites } from '../../testing/storage-quota.ts';
import { LocaleContext } from '../i18n/useLocale.ts';
import { PhotoLibrary } from './library.ts';
import { PhotosNotKept } from './PhotosNotKept.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('PhotosNotKept', () => {
  it('says nothing while photos are kept, then that they are not and why once storage refuses one', async () => {
    const library = PhotoLibrary.open('not-kept-quota');
    render(<PhotosNotKept library={library} />);
    expect(screen.queryByRole('alert')).toBeNull();
    refuseWrites();
    await act(() => library.add(new Blob(['x'], { type: 'image/png' }), 'x.png'));
    expect(screen.getByRole('alert').textContent).toBe(
      'Photos are not being kept in this browser: this site’s storage in ' +
        'this browser is full (its quota is exceeded). They last until the page closes, so a “Look inside” link to one ' +
        'will not open after a reload.',
    );
  });

  it('says it in Chinese too', async () => {
    const library = PhotoLibrary.open('not-kept-zh');
    refuseWrites();
    await library.add(new Blob(['x'], { type: 'image/png' }), 'x.png');
    render(
      <LocaleContext.Provider value={{ locale: 'zh', toggle: () => undefined }}>
        <PhotosNotKept library={library} />
      </LocaleContext.Provider>,
    );
    expect(screen.getByRole('alert').textContent).toContain(
      '照片没有保存在此浏览器中：此浏览器中本站点的存储空间已满（超出配额）',
    );
  });

  it('says photos last until the page closes where there is no IndexedDB', () => {
    render(<PhotosNotKept library={PhotoLibrary.inMemory()} />);
    expect(screen.getByText(/does not let the app keep photos/)).toBeTruthy();
  });
});
