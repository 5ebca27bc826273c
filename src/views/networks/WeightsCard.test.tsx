// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWeightsCard as card } from '../../testing/weights-card.tsx';
import type { CachedWeightsInfo } from '../../runtime/loading/cache.ts';
import type { LoadedInfo } from '../../runtime/worker/protocol.ts';
import type { WeightsView } from './networks-state.ts';

afterEach(cleanup);

/** The pinned SHA-256 of Inception-v4's published checkpoint, and that of other (stand-in) weights. */
const PUBLISHED = 'a756a086851c8d5a8de135ec15c76b90ea56cb5aef450e3299107e659e725bb1';
const STAND_IN = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** Inception-v4's card with weights loaded and/or cached: the published file from Hugging Face unless said. */
function weightsView(parts: { loaded?: Partial<LoadedInfo>; cached?: Partial<CachedWeightsInfo> }): WeightsView {
  const file = { provenance: { kind: 'official' }, bytes: 171_047_928, sha256: PUBLISHED } as const;
  const timings = { readMs: 1, validateMs: 1, storeMs: 0, buildMs: 1 };
  return {
    network: 'inception-v4',
    state: {
      network: 'inception-v4',
      loaded: parts.loaded && { ...file, origin: 'cache', published: true, backend: 'wasm', timings, ...parts.loaded },
      cached: parts.cached && { ...file, checkpoint: '', origin: '', storedAt: '', ...parts.cached },
    },
  };
}

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
      ...weightsView({
        cached: { checkpoint: 'timm/inception_v4.tf_in1k/model.safetensors', origin: 'x' },
        loaded: { timings: { readMs: 300, validateMs: 12, storeMs: 0, buildMs: 1400, warmUpMs: 620 } },
      }),
      error: { failure: { code: 'error', params: { message: 'cut.safetensors is truncated' } } },
    });
    expect(
      screen.getByText(
        /^Ready on WebAssembly: 171.0 MB from this browser’s cache \(Hugging Face\); read in 300 ms, checked in 12 ms, built in 1.40 s, warmed up in 620 ms\.$/,
      ),
    ).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('cut.safetensors is truncated');
    cleanup();
    const mirror = 'http://127.0.0.1:8123';
    card(
      weightsView({
        loaded: {
          origin: `${mirror}/timm/inception_v4.tf_in1k/resolve/main/model.safetensors`,
          provenance: { kind: 'mirror', baseUrl: mirror },
          sha256: STAND_IN,
          published: false,
          timings: { readMs: 300, validateMs: 12, storeMs: 5, buildMs: 1400 },
        },
      }),
    );
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
    const loaded = (sha256: string, published: boolean) =>
      weightsView({ loaded: { origin: 'file:mine.safetensors', provenance: mine, sha256, published } });
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
    const cached = (sha256: string) => weightsView({ cached: { provenance: mine, sha256 } });
    card(cached(PUBLISHED));
    expect(mark().getAttribute('data-published')).toBe('true');
    cleanup();
    card(cached(STAND_IN));
    expect(mark().getAttribute('data-published')).toBe('false');
  });

  it("says stand-in weights (make-weights' file, marked so) are stand-ins whose predictions mean nothing, in both languages", () => {
    const recipe = { kind: 'file', name: 'recipe.safetensors' } as const;
    const view = weightsView({
      loaded: {
        origin: 'file:recipe.safetensors',
        provenance: recipe,
        sha256: STAND_IN,
        published: false,
        standIn: true,
      },
    });
    const mark = () => document.querySelector('.weights-checkpoint')!;
    card(view);
    expect(mark().textContent).toBe(
      'Stand-in weights: the predictions mean nothing. This file (made by make-weights) has the ' +
        'checkpoint’s names and sizes but made-up values, to try the app offline; load the published checkpoint for real predictions.',
    );
    expect([mark().getAttribute('data-stand-in'), mark().getAttribute('data-published')]).toEqual(['true', 'false']);
    cleanup();
    card(view, {}, 'zh');
    expect(mark().textContent).toMatch(/^占位权重：预测结果没有意义。 此文件（由 make-weights 生成）/);
  });

  it('says a cached stand-in copy is a stand-in before it is loaded (the cache entry keeps the mark)', () => {
    const recipe = { kind: 'file', name: 'recipe.safetensors' } as const;
    const cachedCopy = (standIn: boolean) => weightsView({ cached: { provenance: recipe, sha256: STAND_IN, standIn } });
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
    const loadedView = weightsView({ loaded: { bytes: 1 } });
    card({ network: 'inception-v4' }, { onExportOnnx });
    expect(screen.queryByRole('button', { name: 'Export ONNX' })).toBeNull();
    cleanup();
    card(loadedView, { onExportOnnx });
    fireEvent.click(screen.getByRole('button', { name: 'Export ONNX' }));
    expect(onExportOnnx).toHaveBeenCalledOnce();
    const busy = screen.getByRole('button', { name: 'Exporting ONNX…' }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    finish();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export ONNX' })).toBeTruthy());
  });

  it('loads from the cache when the weights are cached but not loaded', () => {
    card(weightsView({ cached: {} }));
    expect(screen.getByText('In this browser’s cache (171.0 MB from Hugging Face), usable offline.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Load from cache' })).toBeTruthy();
  });

  it('does not offer a mirror’s cached copy while Hugging Face is the download source', () => {
    const view = weightsView({
      cached: { provenance: { kind: 'mirror', baseUrl: 'https://mirror.example' }, sha256: STAND_IN },
    });
    card(view);
    expect(
      screen.getByText(
        'Not loaded. This browser keeps a copy from mirror https://mirror.example (171.0 MB), used only while that is the download source.',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download (171.0 MB)' })).toBeTruthy();
    cleanup();
    card(view, { baseUrl: 'https://mirror.example' });
    expect(screen.getByRole('button', { name: 'Load from cache' })).toBeTruthy();
  });
});
