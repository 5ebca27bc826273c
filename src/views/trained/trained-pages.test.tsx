// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Route, Router, Switch } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { trainedTestFile } from '../../testing/trained-file.ts';
import { HomePage } from '../home/HomePage.tsx';
import { trainedLibrary, type TrainedEntry } from './library.ts';
import { TrainedExplorerPage } from './TrainedExplorerPage.tsx';
import { TrainedNetworks } from './TrainedNetworks.tsx';
import { LocaleContext } from '../i18n/useLocale.ts';

afterEach(cleanup);

let entry: TrainedEntry;
beforeAll(async () => {
  entry = await trainedLibrary().open(new Blob([trainedTestFile() as Uint8Array<ArrayBuffer>]), 'irv2-s.safetensors', {
    testError: 0.375,
  });
}, 60_000);

function at(path: string) {
  const location = memoryLocation({ path, record: true });
  render(
    <Router hook={location.hook} searchHook={location.searchHook}>
      <Switch>
        <Route path="/" component={HomePage} />
        <Route path="/trained/:id" component={TrainedExplorerPage} />
        <Route path="/trained/:id/:block" component={TrainedExplorerPage} />
      </Switch>
    </Router>,
  );
  return location;
}

describe('a trained network in the explorer', () => {
  it('draws its definition under a banner naming it trained, its data, epochs, error and classes', async () => {
    at(`/trained/${entry.id}`);
    const banner = within(await screen.findByRole('region', { name: 'Trained network' }));
    expect(banner.getByText(/from irv2-s\.safetensors/).textContent).toContain(
      'generated data · 2 epochs (24 steps) · held-out error 37.5\u00a0%',
    );
    expect(banner.getByText('3 classes: disc, ring, stripes')).toBeTruthy();
    expect(banner.getByRole('link', { name: 'Classify a photo' }).getAttribute('href')).toBe(
      `/classify?trained=${entry.id}`,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Inception-ResNet-v2-S, trained');
    // Its stages link to its own block views, not to the untrained preset's.
    const stageLinks = screen
      .getAllByRole('link')
      .map((a) => a.getAttribute('href'))
      .filter((h) => h?.startsWith('/trained/'));
    expect(stageLinks).toContain(`/trained/${entry.id}/stem`);
    expect(stageLinks.some((h) => h?.startsWith('/inception-resnet-v2-s/'))).toBe(false);
    // The untrained preset's facts (its width, "no weights") are not this network's.
    expect(screen.queryByText('none: a network to train')).toBeNull();
  });

  it("has one form and no diff: the preset's would describe another network (its width, repeats, classes)", async () => {
    at(`/trained/${entry.id}?diff`);
    await screen.findByRole('region', { name: 'Trained network' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Inception-ResNet-v2-S, trained');
    const diff = screen.getByRole('button', { name: 'Paper vs released' }) as HTMLButtonElement;
    expect(diff.disabled).toBe(true);
    expect(diff.title).toContain('is compared with nothing here');
    // ?diff in its link draws no diff: no list, no marked box.
    expect(screen.queryByText(/Width ×/)).toBeNull();
    expect(document.querySelector('[data-diff]')).toBeNull();
    const variants = within(screen.getByRole('navigation', { name: /variant/i }));
    for (const form of variants.getAllByRole('link')) expect(form.getAttribute('aria-disabled')).toBe('true');
  });

  it('opens a block of it, with the way back to its network view', async () => {
    at(`/trained/${entry.id}/stem`);
    await screen.findByRole('region', { name: 'Trained network' });
    expect(screen.getAllByRole('link').map((a) => a.getAttribute('href'))).toContain(`/trained/${entry.id}`);
  });

  it('says so when no trained network by that id is open here', async () => {
    at('/trained/0000000000000000');
    expect(await screen.findByText(/No trained network 0000000000000000 is open in this browser/)).toBeTruthy();
  });

  it('lists it on the home page, and forgets it there', async () => {
    at('/');
    const group = within(screen.getByRole('region', { name: 'Your trained networks' }));
    const link = await group.findByRole('link', { name: 'Open in explorer: Inception-ResNet-v2-S, trained' });
    expect(link.getAttribute('href')).toBe(`/trained/${entry.id}`);
    fireEvent.click(group.getByRole('button', { name: 'Forget Inception-ResNet-v2-S, trained in this browser' }));
    await waitFor(() =>
      expect(group.queryByRole('link', { name: /Open in explorer: Inception-ResNet-v2-S, trained/ })).toBeNull(),
    );
    expect(await trainedLibrary().get(entry.id)).toBeUndefined();
  });

  it('says why a file cannot be opened, and says it again in the language switched to', async () => {
    const home = (locale: 'en' | 'zh') => (
      <LocaleContext.Provider value={{ locale, toggle: () => undefined }}>
        <TrainedNetworks />
      </LocaleContext.Provider>
    );
    const { rerender } = render(home('en'));
    const cut = new File([trainedTestFile().subarray(0, 200) as Uint8Array<ArrayBuffer>], 'cut.safetensors');
    fireEvent.change(screen.getByLabelText('Open a trained network file (.safetensors)'), { target: { files: [cut] } });
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^Could not open it: cut\.safetensors is truncated: its header needs \d+ bytes but the file has only 192 after/,
    );
    rerender(home('zh'));
    expect(screen.getByRole('alert').textContent).toMatch(
      /^无法打开：cut\.safetensors 被截断了：它的头部需要 \d+ 个字节，但头部长度之后只有 192 个字节；请重新导出网络$/,
    );
  });
});
