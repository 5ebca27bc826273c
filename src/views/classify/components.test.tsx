// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleContext } from '../i18n/useLocale.ts';
import { failed } from '../i18n/said.ts';
import type { FailureDetail } from '../../runtime/failure-words.ts';

const SOFTWARE_FALLBACK: FailureDetail = { code: 'backend.software', params: { kind: 'fallback-adapter', name: '' } };
const LOST_NOTICE: FailureDetail = {
  code: 'backend.moved',
  params: { backend: 'WebGPU', cause: { code: 'backend.device-lost', params: {} }, now: 'WebAssembly', failed: [] },
};
import { BackendPanel } from './BackendPanel.tsx';
import { readClassifySettings } from './settings.ts';
import type { ClassifyState, WeightsView } from './store.ts';
import { TopPredictions } from './TopPredictions.tsx';
import { framesPerSecond } from './Webcam.tsx';
import { WeightsCard } from './WeightsCard.tsx';

afterEach(cleanup);

const noop = () => undefined;
/** The pinned SHA-256 of Inception-v4's published checkpoint, and that of other (stand-in) weights. */
const PUBLISHED = 'a756a086851c8d5a8de135ec15c76b90ea56cb5aef450e3299107e659e725bb1';
const STAND_IN = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const card = (
  view: WeightsView,
  handlers: Partial<Record<'onDownload' | 'onFile' | 'onCancel' | 'onForget', () => void>> = {},
) => render(<WeightsCard view={view} onDownload={noop} onFile={noop} onCancel={noop} onForget={noop} {...handlers} />);

describe('WeightsCard', () => {
  it('offers the download with the checkpoint size when nothing is there', () => {
    const onDownload = vi.fn();
    card({ network: 'inception-v4' }, { onDownload });
    expect(screen.getByText('Not loaded.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Download (171.0 MB)' }));
    expect(onDownload).toHaveBeenCalledOnce();
  });

  it('shows a download in progress with bytes, percent and speed, and can cancel it', () => {
    const onCancel = vi.fn();
    card(
      {
        network: 'inception-resnet-v2',
        loading: {
          source: 'auto',
          progress: { phase: 'download', received: 56_000_000, total: 224_000_000, bytesPerSecond: 8_000_000 },
        },
      },
      { onCancel },
    );
    expect(screen.getByText('Loading: 56.0 MB of 224.0 MB (25 %), 8.0 MB/s')).toBeTruthy();
    const bar = screen.getByRole('progressbar') as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([56_000_000, 224_000_000]);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('says where ready weights came from and how long each step took; shows errors', () => {
    card({
      network: 'inception-v4',
      error: { failure: { code: 'error', params: { message: 'cut.safetensors is truncated' } } },
      state: {
        network: 'inception-v4',
        cached: {
          checkpoint: 'timm/inception_v4.tf_in1k/model.safetensors',
          provenance: { kind: 'official' },
          origin: 'x',
          bytes: 171_047_928,
          sha256: PUBLISHED,
          storedAt: '',
        },
        loaded: {
          origin: 'cache',
          provenance: { kind: 'official' },
          bytes: 171_047_928,
          sha256: PUBLISHED,
          published: true,
          backend: 'wasm',
          timings: { readMs: 300, validateMs: 12, storeMs: 0, buildMs: 1400, warmUpMs: 620 },
        },
      },
    });
    expect(
      screen.getByText(
        /^Ready on WebAssembly: 171.0 MB from this browser’s cache \(Hugging Face\); read in 300 ms, checked in 12 ms, built in 1.40 s, warmed up in 620 ms\.$/,
      ),
    ).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('cut.safetensors is truncated');
    cleanup();
    const mirror = 'http://127.0.0.1:8123';
    card({
      network: 'inception-v4',
      state: {
        network: 'inception-v4',
        cached: undefined,
        loaded: {
          origin: `${mirror}/timm/inception_v4.tf_in1k/resolve/main/model.safetensors`,
          provenance: { kind: 'mirror', baseUrl: mirror },
          bytes: 171_047_928,
          sha256: STAND_IN,
          published: false,
          backend: 'wasm',
          timings: { readMs: 300, validateMs: 12, storeMs: 5, buildMs: 1400 },
        },
      },
    });
    expect(
      screen.getByText(
        /^Ready on WebAssembly: 171.0 MB from mirror http:\/\/127\.0\.0\.1:8123\/timm\/inception_v4\.tf_in1k\/resolve\/main\/model\.safetensors;/,
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Download/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove from this browser' })).toBeTruthy();
  });

  it('says plainly whether the weights are the published checkpoint, loaded or cached', () => {
    const mine = { kind: 'file', name: 'mine.safetensors' } as const;
    const loaded = (sha256: string, published: boolean): WeightsView => ({
      network: 'inception-v4',
      state: {
        network: 'inception-v4',
        cached: undefined,
        loaded: {
          origin: 'file:mine.safetensors',
          provenance: mine,
          bytes: 171_047_928,
          sha256,
          published,
          backend: 'wasm',
          timings: { readMs: 1, validateMs: 1, storeMs: 0, buildMs: 1 },
        },
      },
    });
    const mark = () => document.querySelector('.weights-checkpoint')!;
    card(loaded(PUBLISHED, true));
    expect(mark().textContent).toBe('The published checkpoint, SHA-256 verified.');
    expect(mark().getAttribute('data-published')).toBe('true');
    cleanup();
    card(loaded(STAND_IN, false));
    expect(mark().textContent).toBe(
      'Not the published checkpoint (SHA-256 0123456789ab…): it is used as it is, ' +
        'and its results are not those of the published network.',
    );
    expect([mark().getAttribute('data-published'), mark().getAttribute('data-sha256')]).toEqual(['false', STAND_IN]);
    cleanup();
    const cached = (sha256: string): WeightsView => ({
      network: 'inception-v4',
      state: {
        network: 'inception-v4',
        loaded: undefined,
        cached: { checkpoint: '', provenance: mine, origin: '', bytes: 171_047_928, sha256, storedAt: '' },
      },
    });
    card(cached(PUBLISHED));
    expect(mark().getAttribute('data-published')).toBe('true');
    cleanup();
    card(cached(STAND_IN));
    expect(mark().getAttribute('data-published')).toBe('false');
  });

  it("says stand-in weights (make-weights' file, marked so) are stand-ins whose predictions mean nothing, in both languages", () => {
    const view: WeightsView = {
      network: 'inception-v4',
      state: {
        network: 'inception-v4',
        cached: undefined,
        loaded: {
          origin: 'file:recipe.safetensors',
          provenance: { kind: 'file', name: 'recipe.safetensors' },
          bytes: 171_047_928,
          sha256: STAND_IN,
          published: false,
          standIn: true,
          backend: 'wasm',
          timings: { readMs: 1, validateMs: 1, storeMs: 0, buildMs: 1 },
        },
      },
    };
    const mark = () => document.querySelector('.weights-checkpoint')!;
    card(view);
    expect(mark().textContent).toBe(
      'Stand-in weights: the predictions mean nothing. This file (made by make-weights) has the ' +
        'checkpoint’s names and sizes but made-up values, to try the app offline; load the published checkpoint for real predictions.',
    );
    expect([mark().getAttribute('data-stand-in'), mark().getAttribute('data-published')]).toEqual(['true', 'false']);
    cleanup();
    render(
      <LocaleContext.Provider value={{ locale: 'zh', toggle: noop }}>
        <WeightsCard view={view} onDownload={noop} onFile={noop} onCancel={noop} onForget={noop} />
      </LocaleContext.Provider>,
    );
    expect(mark().textContent).toMatch(/^占位权重：预测结果没有意义。 此文件（由 make-weights 生成）/);
  });

  it('says a cached stand-in copy is a stand-in before it is loaded (the cache entry keeps the mark)', () => {
    const cachedCopy = (standIn: boolean): WeightsView => ({
      network: 'inception-v4',
      state: {
        network: 'inception-v4',
        loaded: undefined,
        cached: {
          checkpoint: '',
          provenance: { kind: 'file', name: 'recipe.safetensors' },
          origin: '',
          bytes: 171_047_928,
          sha256: STAND_IN,
          storedAt: '',
          standIn,
        },
      },
    });
    const mark = () => document.querySelector('.weights-checkpoint')!;
    card(cachedCopy(true));
    expect(screen.getByRole('button', { name: 'Load from cache' })).toBeTruthy();
    expect(mark().getAttribute('data-stand-in')).toBe('true');
    expect(mark().textContent).toMatch(/^Stand-in weights: the predictions mean nothing\./);
    cleanup();
    card(cachedCopy(false));
    expect(mark().getAttribute('data-stand-in')).toBeNull();
  });

  it('offers the ONNX export once loaded, busy while it runs', async () => {
    let finish = () => {};
    const onExportOnnx = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const loadedView: WeightsView = {
      network: 'inception-v4',
      state: {
        network: 'inception-v4',
        cached: undefined,
        loaded: {
          origin: 'cache',
          provenance: { kind: 'official' },
          bytes: 1,
          sha256: PUBLISHED,
          published: true,
          backend: 'wasm',
          timings: { readMs: 1, validateMs: 1, storeMs: 0, buildMs: 1 },
        },
      },
    };
    render(
      <WeightsCard
        view={{ network: 'inception-v4' }}
        onDownload={noop}
        onFile={noop}
        onCancel={noop}
        onForget={noop}
        onExportOnnx={onExportOnnx}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Export ONNX' })).toBeNull();
    cleanup();
    render(
      <WeightsCard
        view={loadedView}
        onDownload={noop}
        onFile={noop}
        onCancel={noop}
        onForget={noop}
        onExportOnnx={onExportOnnx}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export ONNX' }));
    expect(onExportOnnx).toHaveBeenCalledOnce();
    const busy = screen.getByRole('button', { name: 'Exporting ONNX…' }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    finish();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export ONNX' })).toBeTruthy());
  });

  it('leads a failure with what to do, the detail under it', () => {
    const detail = ' is truncated: tensor "x" needs bytes 3968–40832 of the data section';
    card({
      network: 'inception-v4',
      error: {
        failure: {
          code: 'weights.safetensors',
          params: { file: 'cut.safetensors', problem: 'truncated', tensor: 'x', detail },
        },
      },
      advice: { reason: 'truncated', network: 'inception-v4' },
    });
    const alert = screen.getByRole('alert');
    expect(alert.firstElementChild?.textContent).toBe(
      'This file is incomplete: download it (or copy it) again, then retry.',
    );
    expect(alert.querySelector('.detail')?.textContent).toMatch(/needs bytes 3968–40832/);
  });

  it("offers to load a file that is the other network's checkpoint into that network, in both languages", () => {
    const onLoadWhereItFits = vi.fn();
    const advice = 'This file holds the weights of Inception-ResNet-v2, not of Inception-v4.';
    const view: WeightsView = {
      network: 'inception-v4',
      error: failed(new Error('irv2.safetensors looks like an inception_resnet_v2 checkpoint, not inception_v4')),
      misplaced: { fits: 'inception-resnet-v2', file: new Blob([]), name: 'irv2.safetensors' },
    };
    render(
      <WeightsCard
        view={view}
        onDownload={noop}
        onFile={noop}
        onCancel={noop}
        onForget={noop}
        onLoadWhereItFits={onLoadWhereItFits}
      />,
    );
    expect(screen.getByRole('alert').querySelector('.advice')?.textContent).toBe(advice);
    fireEvent.click(screen.getByRole('button', { name: 'Load it into Inception-ResNet-v2' }));
    expect(onLoadWhereItFits).toHaveBeenCalledOnce();
    // The one primary action is the offer (the download stays, as a plain button).
    expect([...document.querySelectorAll('.button-primary')].map((b) => b.textContent)).toEqual([
      'Load it into Inception-ResNet-v2',
    ]);
    cleanup();
    render(
      <LocaleContext.Provider value={{ locale: 'zh', toggle: noop }}>
        <WeightsCard
          view={view}
          onDownload={noop}
          onFile={noop}
          onCancel={noop}
          onForget={noop}
          onLoadWhereItFits={noop}
        />
      </LocaleContext.Provider>,
    );
    expect(screen.getByRole('button', { name: '加载到 Inception-ResNet-v2' })).toBeTruthy();
    cleanup();
    card({ network: 'inception-v4', error: failed(new Error('x')) });
    expect(screen.queryByRole('button', { name: /^Load it into/ })).toBeNull();
  });

  it("says a failure already shown in the language switched to: the advice and the runtime's detail", () => {
    const view: WeightsView = {
      network: 'inception-v4',
      error: {
        failure: {
          code: 'download.not-found',
          params: {
            label: 'model.safetensors',
            url: 'https://mirror.example/model.safetensors',
            status: '404',
          },
        },
      },
      advice: { reason: 'not-found', network: 'inception-v4' },
    };
    const inLocale = (locale: 'en' | 'zh') => (
      <LocaleContext.Provider value={{ locale, toggle: noop }}>
        <WeightsCard view={view} onDownload={noop} onFile={noop} onCancel={noop} onForget={noop} />
      </LocaleContext.Provider>
    );
    const { rerender } = render(inLocale('en'));
    const alert = () => screen.getByRole('alert');
    expect(alert().querySelector('.detail')?.textContent).toBe(
      'model.safetensors: not found at https://mirror.example/model.safetensors (the server answered 404)',
    );
    rerender(inLocale('zh'));
    expect(alert().querySelector('.detail')?.textContent).toBe(
      'model.safetensors：在 https://mirror.example/model.safetensors 找不到（服务器返回 404）',
    );
    expect(alert().querySelector('.advice')?.textContent).not.toMatch(/[A-Za-z]{3,} [a-z]{3,}/);
  });

  it('loads from the cache when the weights are cached but not loaded', () => {
    card({
      network: 'inception-v4',
      state: {
        network: 'inception-v4',
        loaded: undefined,
        cached: {
          checkpoint: '',
          provenance: { kind: 'official' },
          origin: '',
          bytes: 171_047_928,
          sha256: PUBLISHED,
          storedAt: '',
        },
      },
    });
    expect(screen.getByText('In this browser’s cache (171.0 MB from Hugging Face), usable offline.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Load from cache' })).toBeTruthy();
  });

  it('does not offer a mirror’s cached copy while Hugging Face is the download source', () => {
    const view: WeightsView = {
      network: 'inception-v4',
      state: {
        network: 'inception-v4',
        loaded: undefined,
        cached: {
          checkpoint: '',
          provenance: { kind: 'mirror', baseUrl: 'https://mirror.example' },
          origin: '',
          bytes: 171_047_928,
          sha256: STAND_IN,
          storedAt: '',
        },
      },
    };
    card(view);
    expect(
      screen.getByText(
        'Not loaded. This browser keeps a copy from mirror https://mirror.example (171.0 MB), used only while that is the download source.',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download (171.0 MB)' })).toBeTruthy();
    cleanup();
    render(
      <WeightsCard
        view={view}
        baseUrl="https://mirror.example"
        onDownload={noop}
        onFile={noop}
        onCancel={noop}
        onForget={noop}
      />,
    );
    expect(screen.getByRole('button', { name: 'Load from cache' })).toBeTruthy();
  });
});

describe('TopPredictions', () => {
  it('lists classes most probable first with percentages and bars as long as the probability', () => {
    render(
      <TopPredictions
        top={[
          { classIndex: 281, label: 'tabby, tabby cat', probability: 0.62 },
          { classIndex: 282, label: 'tiger cat', probability: 0.0041 },
        ]}
      />,
    );
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['tabby62.0\u00a0%', 'tiger cat0.41\u00a0%']);
    const bars = items.map((li) => (li.querySelector('.bar span') as HTMLElement).style.width);
    expect(bars).toEqual(['62%', '0.5%']);
  });
});

describe('BackendPanel', () => {
  const state = (report: ClassifyState['backend']): ClassifyState => ({
    settings: readClassifySettings('', undefined),
    session: { phase: 'ready', generation: 1 },
    backend: report,
    backendBusy: false,
    photos: [],
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
    const report: ClassifyState['backend'] = {
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
    const report: ClassifyState['backend'] = {
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

describe('framesPerSecond', () => {
  it('counts frames over the recent window', () => {
    expect(framesPerSecond([])).toBe(0);
    expect(framesPerSecond([0, 500, 1000, 1500, 2000])).toBeCloseTo(2, 9);
    expect(framesPerSecond([0, 10_000, 10_250, 10_500], 3000)).toBeCloseTo(4, 9);
  });
});
