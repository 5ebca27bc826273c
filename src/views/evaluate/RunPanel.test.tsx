// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleContext } from '../i18n/useLocale.ts';
import { errorRate } from '../../runtime/evaluation/metrics.ts';
import type { SessionStatus } from '../../runtime/session/inference-session.ts';
import type { EvaluateState } from './evaluate-state.ts';
import { RunPanel } from './RunPanel.tsx';

afterEach(cleanup);

const noop = () => undefined;
/** A finished 1-crop run of Inception-v4 on a folder "val": 3 images evaluated, 1 skipped. */
const finished: EvaluateState = {
  mode: { model: 'inception-v4', crops: 1 },
  choosing: false,
  run: {
    version: 1,
    fingerprint: 'f',
    datasetName: 'val',
    layout: 'folders',
    total: 4,
    mode: { model: 'inception-v4', crops: 1 },
    status: 'done',
    startedAt: 0,
    updatedAt: 0,
  },
  status: 'done',
  summary: {
    evaluated: 3,
    skipped: [{ index: 1, path: 'val/a.JPEG', label: 0, error: 'truncated' }],
    modes: [
      {
        key: 'inception-v4/1',
        mode: { model: 'inception-v4', crops: 1 },
        top1: errorRate(1, 3),
        top5: errorRate(0, 3),
      },
    ],
  },
  recordsVersion: 1,
  real: { on: false },
};

const ready: SessionStatus = { phase: 'ready', generation: 1 };
const panel = (state: EvaluateState, onStart: () => void, worker: SessionStatus = ready) => (
  <RunPanel
    state={state}
    worker={worker}
    resumable={false}
    skipped={[]}
    onStart={onStart}
    onPause={noop}
    onResume={noop}
    onCancel={noop}
    onExport={noop}
  />
);

describe('<RunPanel> Start over', () => {
  it('asks before discarding finished results; keeping them starts nothing', () => {
    const onStart = vi.fn();
    render(panel(finished, onStart));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Start over' }));
    expect(onStart).not.toHaveBeenCalled();
    const dialog = screen.getByRole('alertdialog', { name: 'Start over?' });
    expect(dialog.textContent).toContain(
      'The results so far (Inception-v4, 1 crop on “val”, 4 of 4 images) will be discarded.',
    );
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep the results' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep the results' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(onStart).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Start over' }));
    fireEvent.click(screen.getByRole('button', { name: 'Discard and start over' }));
    expect(onStart).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('starts at once when there is nothing to lose', () => {
    const onStart = vi.fn();
    render(panel({ ...finished, run: undefined, status: 'idle', summary: undefined }, onStart));
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(onStart).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('asks in Chinese', () => {
    render(
      <LocaleContext.Provider value={{ locale: 'zh', toggle: noop }}>{panel(finished, noop)}</LocaleContext.Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: '重新开始' }));
    expect(screen.getByRole('alertdialog', { name: '重新开始？' }).textContent).toContain('将被丢弃');
    expect(screen.getByRole('button', { name: '丢弃并重新开始' })).toBeTruthy();
  });
});

describe('<RunPanel> a run the inference worker stopped under', () => {
  const paused: EvaluateState = { ...finished, status: 'paused', workerStopped: true };
  const alert = () => screen.getByRole('alert').textContent;

  it('says what became of the worker now, not what it was when the run paused', () => {
    const crashed = { code: 'error', params: { message: 'it crashed' } } as const;
    const { rerender } = render(panel(paused, noop, { phase: 'restarting', generation: 1, failure: crashed }));
    expect(alert()).toBe(
      'The run paused: the inference worker stopped, and it is being started again. ' +
        'Resume once the networks are loaded again.',
    );
    rerender(panel(paused, noop, { phase: 'ready', generation: 2, failure: crashed }));
    expect(alert()).toBe(
      'The run paused: the inference worker stopped and was started again. ' + 'Resume to go on from where it stopped.',
    );
    const gaveUp = 'The inference worker keeps stopping (it crashed). Reload the page to start it again.';
    rerender(
      panel(paused, noop, {
        phase: 'failed',
        generation: 4,
        failure: { code: 'worker.keeps-stopping', params: { cause: crashed } },
      }),
    );
    expect(alert()).toBe(
      `The run paused, and cannot go on in this page: ${gaveUp} ` +
        'The results so far are kept; resume after the reload.',
    );
    expect(alert()).not.toContain('being started again');
  });

  it('says nothing of the worker once the run goes on', () => {
    render(
      panel({ ...paused, status: 'running' }, noop, {
        phase: 'failed',
        generation: 4,
        failure: { code: 'worker.ended', params: {} },
      }),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('<RunPanel> messages already shown, after a switch of language', () => {
  it('says why the run stopped, why results are not kept and why the worker gave up in the language now in force', () => {
    const stopped: EvaluateState = {
      ...finished,
      status: 'paused',
      workerStopped: true,
      storageFailed: true,
      error: { code: 'store.stopped', params: [{ code: 'worker.not-loaded', params: { networks: ['Inception-v4'] } }] },
      storageNotice: { code: 'store.notKept', params: [{ word: 'storage.quota' }] },
    };
    const worker: SessionStatus = {
      phase: 'failed',
      generation: 4,
      failure: {
        code: 'worker.keeps-stopping',
        params: { cause: { code: 'worker.no-answer', params: { limit: '10 s' } } },
      },
    };
    const inLocale = (locale: 'en' | 'zh') => (
      <LocaleContext.Provider value={{ locale, toggle: noop }}>{panel(stopped, noop, worker)}</LocaleContext.Provider>
    );
    const { rerender } = render(inLocale('en'));
    const shown = () => screen.getAllByRole('alert').map((a) => a.textContent ?? '');
    expect(shown()).toEqual([
      'The run stopped: load the weights of Inception-v4 first. Fix that, then resume.',
      expect.stringContaining('The inference worker keeps stopping (it did not answer within 10 s of starting).'),
      expect.stringContaining('this site’s storage in this browser is full'),
    ]);
    rerender(inLocale('zh'));
    const zh = shown();
    expect(zh[0]).toContain('请先加载 Inception-v4 的权重');
    expect(zh[1]).toContain('推理工作线程一再停止（它启动后 10 s 内没有响应）');
    expect(zh[2]).toContain('此浏览器中本站点的存储空间已满');
    // Nothing English is left but the network's name and the unit.
    for (const text of zh) expect(text.replace(/Inception-v4|CSV|\bs\b/g, '')).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('says why an image was skipped in the language in force, without its file name', () => {
    const record = {
      index: 1,
      path: 'val/n01/a.JPEG',
      label: 0,
      error: 'a.JPEG: the file is empty (0 bytes)',
      failure: { code: 'image.empty', params: { file: 'a.JPEG' } },
    } as const;
    const inLocale = (locale: 'en' | 'zh') => (
      <LocaleContext.Provider value={{ locale, toggle: noop }}>
        <RunPanel
          state={finished}
          worker={ready}
          resumable={false}
          skipped={[record]}
          onStart={noop}
          onPause={noop}
          onResume={noop}
          onCancel={noop}
          onExport={noop}
        />
      </LocaleContext.Provider>
    );
    const { rerender } = render(inLocale('en'));
    const item = () => document.querySelector('.skipped-images li')?.textContent;
    expect(item()).toBe('val/n01/a.JPEG: the file is empty (0 bytes)');
    rerender(inLocale('zh'));
    expect(item()).toBe('val/n01/a.JPEG: 文件是空的（0 字节）');
  });
});
