// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryLocation } from 'wouter/memory-location';
import { FakeTrainingApi, type FakeTrainingOptions } from '../../testing/training/fake-training.ts';
import { placeholderEntries } from '../../testing/training/race-networks.ts';
import { App } from '../App.tsx';
import type { Locale } from '../i18n/locale.ts';
import { LearnStore } from './learn-store.ts';
import { MemoryLabStorage } from './persistence.ts';
import { LearnContext } from './useLearn.ts';

afterEach(cleanup);

function lab(path: string, options: FakeTrainingOptions = {}, locale: Locale = 'en', entries = placeholderEntries) {
  const fake = new FakeTrainingApi({ stepsPerEpoch: 4, ...options });
  let n = 0;
  const store = new LearnStore({
    startWorker: () => ({ api: fake, gone: new Promise(() => undefined), terminate: () => undefined }),
    storage: new MemoryLabStorage(),
    entries,
    newRunId: () => `run-${++n}`,
  });
  const location = memoryLocation({ path, record: true });
  render(
    <LearnContext.Provider value={store}>
      <App locale={locale} router={{ hook: location.hook, searchHook: location.searchHook }} />
    </LearnContext.Provider>,
  );
  const step = (count: number) => act(() => fake.step(count));
  return { fake, store, location, step };
}

/** Clicks the start button (its name) and waits until the race trains. */
async function start(name = 'Start') {
  fireEvent.click(await screen.findByRole('button', { name }));
  await screen.findByText('Training', { selector: '.learn-status strong' });
}

const rows = () => [...document.querySelectorAll<HTMLTableRowElement>('.learn-networks tbody tr')];
const linesOf = (chart: string) => document.querySelectorAll(`[data-chart="${chart}"] g.line`).length;

describe('the lab page', () => {
  it('races the networks of the URL, draws their curves; a NaN stops one network, the others go on', async () => {
    const nan = { network: 'inception-resnet-v2-s-no-shortcuts', step: 6 };
    const { location, step } = lab('/learn?epochs=3', { nan });
    await screen.findByRole('heading', { level: 1, name: 'Learning: train the networks side by side' });
    expect(screen.getByRole('link', { name: 'Learn' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByText('The curves appear here once the race starts.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    await screen.findByText('Training', { selector: '.learn-status strong' });
    // Locked while it runs.
    expect(screen.getByText('The settings are locked while a race runs.')).toBeTruthy();
    step(8);
    await waitFor(() =>
      expect(rows().map((r) => r.dataset.network)).toEqual([
        'inception-v4-s',
        'inception-resnet-v2-s',
        'inception-resnet-v2-s-no-shortcuts',
      ]),
    );
    await waitFor(() => expect(rows()[2].dataset.stopped).toBe('nan'));
    expect(within(rows()[2]).getByText('Stopped in epoch 2: its loss became NaN.')).toBeTruthy();
    expect(within(rows()[0]).getByText('Training')).toBeTruthy();
    expect(within(rows()[0]).getAllByRole('cell')[0].textContent).toBe('2 of 3');
    expect(within(rows()[0]).getAllByRole('cell')[1].textContent).toBe('640');
    expect(linesOf('loss-epoch')).toBe(3);
    expect(linesOf('error-epoch')).toBe(3);
    expect(document.querySelectorAll('[data-chart="loss-epoch"] path.stop')).toHaveLength(1);
    // Residual groups of the residual network (the twin without shortcuts has none).
    expect(screen.getByRole('img', { name: /^‖s·r‖ \/ ‖x‖, Inception-ResNet-B against epochs/ })).toBeTruthy();
    step(4);
    await screen.findByText('Finished', { selector: '.learn-status strong' });
    expect(rows().map((r) => r.dataset.stopped)).toEqual(['finished', 'finished', 'nan']);
    expect(location.history.at(-1)).toBe('/learn?epochs=3');
  });

  it('builds and analyses its networks once, not again at each step of a race (the page renders at each)', async () => {
    const entries = vi.fn(placeholderEntries);
    const { step } = lab('/learn?epochs=3', {}, 'en', entries);
    await screen.findByRole('button', { name: 'Start' }, { timeout: 30_000 });
    await start();
    step(4);
    await waitFor(() => expect(within(rows()[0]).getAllByRole('cell')[0].textContent).toBe('1 of 3'));
    const built = entries.mock.calls.length;
    step(4);
    await waitFor(() => expect(within(rows()[0]).getAllByRole('cell')[0].textContent).toBe('2 of 3'));
    expect(entries.mock.calls.length).toBe(built);
  });

  it("works out each offered network's figures once, after the form is drawn, not again at each edit", async () => {
    const entries = vi.fn(placeholderEntries);
    const { location } = lab('/learn', {}, 'en', entries);
    const figures = () => [...document.querySelectorAll('.learn-settings fieldset:first-of-type .check .meta')];
    // The render that draws the form builds nothing (read as the form appears, before any later task):
    // each network is built and analysed in a task of its own afterwards.
    let builtWhenDrawn: number | undefined;
    const offered = await waitFor(() => {
      const count = screen.getAllByRole('checkbox', { name: /^Inception-/ }).length;
      builtWhenDrawn ??= entries.mock.calls.length;
      return count;
    });
    expect(builtWhenDrawn).toBe(0);
    await waitFor(() => expect(figures()).toHaveLength(offered));
    expect(figures()[0].textContent).toMatch(/^ · [\d.,]+(\s[kMG])? parameters, [\d.,]+(\s[kMG])? multiply-adds$/);
    const built = entries.mock.calls.length;
    expect(built).toBe(offered);
    fireEvent.change(screen.getByLabelText('Epochs'), { target: { value: '20' } });
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '7' } });
    expect(location.history.at(-1)).toMatch(/epochs=20/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(figures()).toHaveLength(offered);
    expect(entries.mock.calls.length).toBe(built);
  });

  it("says the training worker's failure, and says it again in the language switched to", async () => {
    const { store } = lab('/learn');
    await start();
    await act(() => store.exportWeights('nope'));
    expect(
      await screen.findByText(
        'The training worker could not do it: no trained network "nope" in this race: it is no longer in memory.',
      ),
    ).toBeTruthy();
    fireEvent.click(document.querySelector<HTMLButtonElement>('.language-toggle')!);
    expect(
      await screen.findByText('训练 worker 无法完成：这场比赛中没有训练好的网络“nope”：它已不在内存中。'),
    ).toBeTruthy();
  });

  it('pauses, resumes and stops', async () => {
    const { fake } = lab('/learn');
    fireEvent.click(await screen.findByRole('button', { name: 'Start' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Pause' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Resume' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Pause' }));
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await screen.findByText('Stopped', { selector: '.learn-status strong' });
    expect(fake.calls).toEqual(['start run-1', 'pause run-1', 'resume run-1', 'pause run-1', 'stop run-1']);
    expect(screen.getByRole('button', { name: 'Start a new race' })).toBeTruthy();
  });

  it('reports what a link asked for that it left out, and writes each change to the URL', async () => {
    const { location } = lab('/learn?epochs=0&networks=inception-v4-s,alexnet&colour=red');
    const notice = await screen.findByTestId('settings-notice');
    expect([...notice.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      'There is no small network “alexnet” (there are inception-v4-s, inception-resnet-v2-s, ' +
        'inception-resnet-v2-s-no-shortcuts).',
      'epochs=0: not a number from 1 to 200; the default stands.',
      '“colour” is not a setting of the lab.',
    ]);
    const epochs = screen.getByLabelText('Epochs') as HTMLInputElement;
    expect(epochs.value).toBe('10');
    fireEvent.change(epochs, { target: { value: '500' } });
    expect(epochs.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Between 1 to 200; the last valid value stands.')).toBeTruthy();
    fireEvent.change(epochs, { target: { value: '20' } });
    expect(location.history.at(-1)).toBe('/learn?networks=inception-v4-s&epochs=20');
    expect(screen.queryByTestId('settings-notice')).toBeNull();
    // Adding a network, and choosing SGD.
    fireEvent.click(screen.getByRole('checkbox', { name: /^Inception-ResNet-v2-S without shortcuts/ }));
    fireEvent.change(screen.getByLabelText('Optimiser'), { target: { value: 'sgd' } });
    expect(location.history.at(-1)).toBe(
      '/learn?networks=inception-v4-s,inception-resnet-v2-s-no-shortcuts&optimizer=sgd&epochs=20',
    );
    expect(screen.queryByLabelText('Decay')).toBeNull();
  });

  it("takes a preset's settings, and answers its question with what the run shows", async () => {
    const { location, step } = lab('/learn?seed=7', { dies: { network: 'inception-resnet-v2-s-w0.5-s1', epoch: 2 } });
    const card = (await screen.findByRole('heading', { name: 'Why scale the residuals?' })).closest('article')!;
    fireEvent.click(within(card).getByRole('button', { name: 'Use these settings' }));
    expect(location.history.at(-1)).toBe(
      '/learn?networks=inception-resnet-v2-s;width=0.5;scale=1,' +
        'inception-resnet-v2-s;width=0.5;scale=0.1&lr=0.45&seed=7',
    );
    expect(within(card).getByRole('button', { name: 'In use' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Epochs'), { target: { value: '3' } });
    await start();
    step(12);
    const outcome = (await screen.findByRole('heading', { name: 'What this run shows' })).closest('section')!;
    await waitFor(() =>
      expect(outcome.querySelector('[data-fact="unstable"]')?.textContent).toBe(
        'Died or stopped with a NaN or diverging loss: Inception-ResNet-v2-S, width 0.5, residuals × 1.',
      ),
    );
    expect(outcome.querySelector('[data-fact="stable"]')?.textContent).toBe(
      'Trained without dying or diverging: Inception-ResNet-v2-S, width 0.5, residuals × 0.1.',
    );
    expect(outcome.querySelector('[data-network="inception-resnet-v2-s-w0.5-s1"]')?.textContent).toBe(
      'Inception-ResNet-v2-S, width 0.5, residuals × 1: 90\u00a0% held-out error after 3 epochs (lowest 67\u00a0%, ' +
        'epoch 1); its last layer before pooling was dead (≥\u00a099\u00a0% zeros) from epoch 2.',
    );
  });

  it('says so when the instability does not appear, and gives the epochs to a common error', async () => {
    const { step } = lab(
      '/learn?networks=inception-resnet-v2-s;width=0.5;scale=1,' +
        'inception-resnet-v2-s;width=0.5;scale=0.1&lr=0.45&epochs=2',
    );
    await start();
    step(8);
    await waitFor(() =>
      expect(document.querySelector('[data-fact="none-unstable"]')?.textContent).toBe(
        'In this run no network died or diverged: the instability of §3.3 did not appear at this scale.',
      ),
    );
    cleanup();
    const speed = lab('/learn?epochs=3');
    await start();
    speed.step(12);
    await waitFor(() =>
      expect(document.querySelector('[data-fact="common"]')?.textContent).toBe(
        // The fake's errors: 0.1 + 0.8·exp(−pace·epoch/3), the networks' paces 1, 1/1.35 and 1/1.7.
        'Every network reached 54\u00a0% held-out error or lower: Inception-v4-S after 2 epochs, ' +
          'Inception-ResNet-v2-S after 3 epochs, Inception-ResNet-v2-S without shortcuts after 3 epochs.',
      ),
    );
  });

  it('exports a trained network as a .safetensors download', async () => {
    const { fake, step } = lab('/learn?epochs=1');
    const created = vi.fn((_blob: Blob) => 'blob:weights');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: () => undefined });
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    await start();
    step(4);
    fireEvent.click(await screen.findByRole('button', { name: 'Export Inception-ResNet-v2-S as safetensors' }));
    await waitFor(() => expect(clicked).toEqual(['inception-resnet-v2-s.safetensors']));
    expect(fake.calls.at(-1)).toBe('export run-1 inception-resnet-v2-s');
    expect(created.mock.calls[0][0].size).toBeGreaterThan(8);
    click.mockRestore();
  });

  it('lists the runs kept and overlays one on the run shown', async () => {
    const { step } = lab('/learn?epochs=1');
    await start();
    step(4);
    await screen.findByText('Finished', { selector: '.learn-status strong' });
    await start('Start a new race');
    step(2);
    const list = document.querySelector('.learn-runs')!;
    await waitFor(() => expect(list.querySelectorAll('li')).toHaveLength(2));
    fireEvent.click(within(list as HTMLElement).getByRole('button', { name: /^Compare with the run of/ }));
    await waitFor(() => expect(document.querySelectorAll('[data-chart="error-epoch"] g.line.dashed')).toHaveLength(3));
    expect(screen.getByText(/^dashed: the run of/)).toBeTruthy();
    expect(within(list as HTMLElement).getByRole('button', { name: 'Stop comparing' })).toBeTruthy();
  });

  it('speaks Chinese', async () => {
    lab('/learn', {}, 'zh');
    await screen.findByRole('heading', { level: 1, name: '学习：让网络并排训练' });
    expect(screen.getByRole('button', { name: '开始' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '为什么要缩放残差？' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '训练' }).getAttribute('aria-current')).toBe('page');
  });
});
