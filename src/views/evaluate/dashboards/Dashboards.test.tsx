// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { summarize, type ImageRecord } from '../../../runtime/evaluation/records.ts';
import { LocaleContext } from '../../i18n/useLocale.ts';
import type { EvaluateState } from '../evaluate-state.ts';
import { EvaluateStore } from '../evaluate-store.ts';
import { MemoryRunStorage } from '../persistence.ts';
import { Dashboards } from './Dashboards.tsx';

afterEach(cleanup);

const KEY = 'inception-v4/1';
const record = (index: number, label: number, predicted: number, p1: number): ImageRecord => ({
  index,
  path: `val/${index}.JPEG`,
  label,
  predictions: { [KEY]: { top5: [predicted, 998, 997, 996, 995], p1 } },
});

/** A store holding `records` of a finished 1-crop run, and the state the page would pass. */
function finished(records: ImageRecord[]): { store: EvaluateStore; state: EvaluateState } {
  const store = new EvaluateStore(
    () => ({ predict: () => Promise.reject(new Error('not used')) }),
    new MemoryRunStorage(),
    async () => [],
  );
  store.records = records;
  const mode = { model: 'inception-v4', crops: 1 } as const;
  const state: EvaluateState = {
    mode,
    choosing: false,
    status: 'done',
    recordsVersion: 1,
    real: { on: false },
    summary: summarize(records),
    run: {
      version: 1,
      fingerprint: 'f',
      datasetName: 'val',
      layout: 'folders',
      total: records.length,
      mode,
      status: 'done',
      startedAt: 0,
      updatedAt: 0,
    },
  };
  return { store, state };
}

describe('<Dashboards>', () => {
  it('states the ECE over 15 bins, and beyond 50 classes lists the top confusions instead of a matrix', () => {
    // 60 classes, each one image at 0.9: class 0 taken for 1, the rest right. ECE = |59/60 − 0.9| = 0.0833.
    const { store, state } = finished(Array.from({ length: 60 }, (_, c) => record(c, c, c === 0 ? 1 : c, 0.9)));
    const location = memoryLocation({ path: '/evaluate' });
    render(
      <Router hook={location.hook}>
        <Dashboards state={state} store={store} />
      </Router>,
    );
    expect(
      screen.getByText(
        /^Expected calibration error \(ECE\): 8\.3 %, over 15 equal-width bins of the top-1 probability \(60 images\)\.$/,
      ),
    ).toBeTruthy();
    expect(
      screen.getByRole('img', {
        name: 'Reliability diagram: top-1 accuracy against top-1 probability in 15 bins; ECE 8.3\u00a0%',
      }),
    ).toBeTruthy();
    expect(document.querySelectorAll('.reliability-diagram .bin')).toHaveLength(1);
    expect(screen.queryByRole('img', { name: /Confusion matrix/ })).toBeNull();
    expect(
      screen.getByText(
        '60 classes are present, more than the 50 a matrix can show here: the most frequent confusions follow.',
      ),
    ).toBeTruthy();
    expect([...document.querySelectorAll('.top-confusions li')].map((li) => li.textContent)).toEqual([
      'tench → goldfish ×1',
    ]);
    // Misclassified first; 24 shown, more on demand.
    const items = () => document.querySelectorAll('.evaluated-images > li');
    expect(items()).toHaveLength(24);
    expect(items()[0].getAttribute('data-correct')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Show 24 more' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show 12 more' }));
    expect(items()).toHaveLength(60);
  });

  it('says the images of a stored run are not kept, and opens look inside with one click when the file is there', async () => {
    const { store, state } = finished([record(0, 0, 0, 0.7), record(1, 1, 0, 0.6)]);
    const location = memoryLocation({ path: '/evaluate', record: true });
    const view = () => (
      <Router hook={location.hook}>
        <Dashboards state={state} store={store} />
      </Router>
    );
    const { rerender } = render(view());
    expect(screen.getByRole('note').textContent).toBe(
      'The images of a stored run are not kept in this browser, only their ' +
        'predictions: choose the folder again to look inside them.',
    );
    const button = () =>
      screen.getByRole('button', { name: 'Look inside Inception-v4 with val/1.JPEG' }) as HTMLButtonElement;
    expect(button().disabled).toBe(true);

    vi.spyOn(store, 'fileAt').mockImplementation((path) => new File([path], path.slice(4), { type: 'image/jpeg' }));
    rerender(view());
    expect(screen.queryByRole('note')).toBeNull();
    expect(document.querySelector('.evaluated-images > li')!.textContent).toContain(
      'goldfish taken for tench (60\u00a0%)',
    );
    fireEvent.click(button());
    await waitFor(() => expect(location.history.at(-1)).toMatch(/^\/inception-v4\/released\?photo=[0-9a-z]+$/));
  });

  it('speaks 中文', () => {
    const { store, state } = finished([record(0, 0, 0, 0.7), record(1, 1, 0, 0.6)]);
    render(
      <LocaleContext.Provider value={{ locale: 'zh', toggle: () => undefined }}>
        <Router hook={memoryLocation({ path: '/evaluate' }).hook}>
          <Dashboards state={state} store={store} />
        </Router>
      </LocaleContext.Provider>,
    );
    expect(screen.getByRole('heading', { name: '校准与混淆' })).toBeTruthy();
    // Bins 10 (0.7) and 8 (0.6): ECE = ½·|1 − 0.7| + ½·|0 − 0.6| = 0.45.
    expect(screen.getByText('期望校准误差（ECE）：45.0 %，按 top-1 概率分为 15 个等宽区间（2 张图片）。')).toBeTruthy();
    expect(screen.getByRole('img', { name: /^2 个类别的混淆矩阵/ })).toBeTruthy();
  });
});
