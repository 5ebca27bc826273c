// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FailureDetail } from '../../runtime/failure-words.ts';
import { LocaleContext } from '../i18n/useLocale.ts';
import { BackendPanel } from './BackendPanel.tsx';
import type { NetworksState } from './networks-state.ts';
import { readNetworkSettings } from './settings.ts';

afterEach(cleanup);

const SOFTWARE_FALLBACK: FailureDetail = { code: 'backend.software', params: { kind: 'fallback-adapter', name: '' } };
const LOST_NOTICE: FailureDetail = {
  code: 'backend.moved',
  params: { backend: 'WebGPU', cause: { code: 'backend.device-lost', params: {} }, now: 'WebAssembly', failed: [] },
};

describe('BackendPanel', () => {
  const state = (report: NetworksState['backend']): NetworksState => ({
    settings: readNetworkSettings('', undefined),
    session: { phase: 'ready', generation: 1 },
    backend: report,
    backendBusy: false,
    messages: [],
    weights: { 'inception-v4': { network: 'inception-v4' }, 'inception-resnet-v2': { network: 'inception-resnet-v2' } },
    trained: {},
  });

  it('shows the backend in use, why others were skipped, a notice, and switches', () => {
    const onChoose = vi.fn();
    render(
      <BackendPanel
        onChoose={onChoose}
        state={state({
          choice: 'auto',
          active: 'wasm',
          detail: 'SIMD, single thread',
          skipped: [{ backend: 'webgpu', reason: SOFTWARE_FALLBACK }],
          notice: LOST_NOTICE,
        })}
      />,
    );
    const panel = screen.getByRole('region', { name: 'Backend' });
    const active = panel.querySelector('.backend-active')!;
    expect([active.textContent, active.getAttribute('data-backend')]).toEqual(['WebAssembly', 'wasm']);
    expect(panel.textContent).toContain('(SIMD, single thread)');
    expect(within(panel).getByText('WebGPU skipped: software fallback adapter')).toBeTruthy();
    expect(within(panel).getByRole('status').textContent).toMatch(/now run on WebAssembly/);
    fireEvent.change(within(panel).getByLabelText('Choose a backend'), { target: { value: 'cpu' } });
    expect(onChoose).toHaveBeenCalledWith('cpu');
  });

  it('says why backends were skipped, and the notice, in the language switched to', () => {
    const report: NetworksState['backend'] = {
      choice: 'auto',
      active: 'wasm',
      skipped: [{ backend: 'webgpu', reason: SOFTWARE_FALLBACK }],
      notice: LOST_NOTICE,
    };
    const inLocale = (locale: 'en' | 'zh') => (
      <LocaleContext.Provider value={{ locale, toggle: () => undefined }}>
        <BackendPanel onChoose={vi.fn()} state={state(report)} />
      </LocaleContext.Provider>
    );
    const { rerender } = render(inLocale('en'));
    expect(screen.getByText('WebGPU skipped: software fallback adapter')).toBeTruthy();
    rerender(inLocale('zh'));
    const panel = screen.getByRole('region', { name: '后端' });
    expect(within(panel).getByText('已跳过 WebGPU：软件回退适配器')).toBeTruthy();
    expect(within(panel).getByRole('status').textContent).toBe(
      'WebGPU 停止了工作（WebGPU 设备丢失了）；网络现在在 WebAssembly 上运行。',
    );
  });

  it("words WebAssembly's SIMD and threads in the reader's language", () => {
    const report: NetworksState['backend'] = {
      choice: 'auto',
      active: 'wasm',
      detail: 'SIMD, 2 threads',
      skipped: [],
      wasm: { simd: true, threads: 2 },
    };
    render(
      <LocaleContext.Provider value={{ locale: 'zh', toggle: () => undefined }}>
        <BackendPanel onChoose={vi.fn()} state={state(report)} />
      </LocaleContext.Provider>,
    );
    expect(screen.getByRole('region', { name: '后端' }).textContent).toContain('（SIMD，2 个线程）');
    cleanup();
    render(
      <BackendPanel
        onChoose={vi.fn()}
        state={state({ ...report, wasm: { simd: true, threads: 1, single: 'not-isolated' } })}
      />,
    );
    expect(screen.getByRole('region', { name: 'Backend' }).textContent).toContain(
      '(SIMD, single thread (the page is not cross-origin isolated))',
    );
  });
});
