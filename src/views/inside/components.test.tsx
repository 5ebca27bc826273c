// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { residualGroups } from '../../model/analysis/residual-groups.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import type {
  DepthPoint,
  GradCamProgress,
  InsideApi,
  LookInsideResult,
  NodeDetail,
} from '../../runtime/inside/protocol.ts';
import { PhotoLibrary } from '../photos/library.ts';
import { DepthChart } from './DepthChart.tsx';
import { InsideStore } from './inside-store.ts';
import { NodeInside } from './NodeInside.tsx';
import { ResidualLab } from './ResidualLab.tsx';
import { InsideContext } from './useInside.ts';

afterEach(cleanup);

const irv2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
const groups = residualGroups(irv2);
const conv = irv2.byAddress.get('inception-resnet-b/0/0/0/1/1')!; // 1×7 conv, 160: 17×17×160

function result(logits: number[], top: [number, string, number][], depth: DepthPoint[] = []): LookInsideResult {
  return {
    slot: 's',
    network: 'inception-resnet-v2',
    scales: {},
    logits: Float32Array.from(logits),
    depth,
    inferenceMs: 900,
    backend: 'wasm',
    top: top.map(([classIndex, label, probability]) => ({ classIndex, label, probability })),
    crop: { width: 299, height: 299 } as ImageBitmap,
  };
}

function detail(channels: number, count: number): NodeDetail {
  const map = (channel: number) => ({
    width: 17,
    height: 17,
    channel,
    data: Float32Array.from({ length: 289 }, (_, i) => (i === 18 ? channel + 0.5 : 0)),
  });
  return {
    address: conv.address,
    shape: [17, 17, channels],
    stats: { mean: 0.25, std: 0.5, min: 0, max: 4.5, zeroFraction: 0.625, count: 17 * 17 * channels },
    histogram: { min: 0, max: 4.5, counts: Uint32Array.from({ length: 64 }, (_, i) => (i === 0 ? 1000 : 10)) },
    channels: {
      mean: new Float32Array(channels),
      max: new Float32Array(channels),
      zeroFraction: new Float32Array(channels),
    },
    order: 'mean',
    maps: Array.from({ length: count }, (_, i) => map(count - i)),
  };
}

async function storeWith(api: Partial<InsideApi>) {
  const library = PhotoLibrary.inMemory();
  const slot = await library.add(new Blob(['x']), 'cat.jpg');
  const worker: InsideApi = {
    attachPhoto: async () => ({ width: 640, height: 480 }),
    lookInside: async () => result([1, 2], [[1, 'tabby, tabby cat', 0.7]]),
    summaries: async () => [],
    detail: async (_s, _n, _a, options) => detail(160, options.count),
    classMaps: async () => [],
    cancelGradCam: async () => undefined,
    channelMaxima: async () => [],
    releasePhoto: async () => undefined,
    ...api,
  };
  const store = new InsideStore(worker, library, { isLoaded: () => true, subscribe: () => () => undefined });
  await store.show(slot);
  return { store, worker };
}

describe('<NodeInside>', () => {
  it('shows the statistics, the histogram and the most active channels, with a readout under the pointer', async () => {
    const detailSpy = vi.fn(async (_s: string, _n: string, _a: string, options: { count: number }) =>
      detail(160, options.count),
    );
    const { store } = await storeWith({ detail: detailSpy as InsideApi['detail'] });
    const onChannel = vi.fn();
    render(
      <InsideContext.Provider value={store}>
        <NodeInside network="inception-resnet-v2" node={conv} scales={{}} channel={undefined} onChannel={onChannel} />
      </InsideContext.Provider>,
    );
    await screen.findByLabelText('Output statistics');
    expect(screen.getByText('62.5 %')).toBeTruthy();
    expect(
      screen.getByRole('img', { name: /Values of 1×7 conv, 160: 1630 values from 0 to 4\.5 in 64 bins/ }),
    ).toBeTruthy();
    const grid = screen.getByRole('list', { name: 'The 16 channels with the highest mean' });
    expect(within(grid).getAllByRole('button')).toHaveLength(16);
    expect(detailSpy).toHaveBeenLastCalledWith(expect.any(String), 'inception-resnet-v2', conv.address, {
      order: 'mean',
      count: 16,
    });

    // More channels: a new request with count 32.
    fireEvent.change(screen.getByRole('combobox', { name: /Top/ }), { target: { value: '32' } });
    await screen.findByRole('list', { name: 'The 32 channels with the highest mean' });

    // Choose channel 30 (the third map), read a value under the pointer, show it in the box.
    fireEvent.click(
      within(screen.getByRole('list', { name: /32 channels/ })).getByRole('button', { name: 'channel 30' }),
    );
    const enlarged = screen.getByRole('img', { name: 'Channel 30, 17×17' });
    enlarged.getBoundingClientRect = () => ({ left: 0, top: 0, width: 170, height: 170 }) as DOMRect;
    fireEvent.pointerMove(enlarged, { clientX: 15, clientY: 15 }); // row 1, column 1: index 18
    expect(screen.getByText('channel 30 at row 1, column 1: 30.5')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'show this channel in the box' }));
    expect(onChannel).toHaveBeenCalledWith(30);
  });

  it("enlarges the channel the box shows when opened with one (a reloaded link's channel=), its box ticked", async () => {
    const { store } = await storeWith({});
    const onChannel = vi.fn();
    render(
      <InsideContext.Provider value={store}>
        <NodeInside network="inception-resnet-v2" node={conv} scales={{}} channel={14} onChannel={onChannel} />
      </InsideContext.Provider>,
    );
    // The maps are channels 16, 15, 14, …: 14 is the third, not the top one.
    expect(await screen.findByRole('img', { name: 'Channel 14, 17×17' })).toBeTruthy();
    const grid = screen.getByRole('list', { name: 'The 16 channels with the highest mean' });
    expect(within(grid).getByRole('button', { name: 'channel 14' }).getAttribute('aria-pressed')).toBe('true');
    const box = screen.getByRole('checkbox', { name: 'show this channel in the box' }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    expect(onChannel).toHaveBeenLastCalledWith(undefined);
  });

  it('a Grad-CAM shows how many classes are done with their maps so far, and Cancel stops it', async () => {
    let report: ((p: GradCamProgress) => void) | undefined;
    const cancelGradCam = vi.fn(async () => undefined);
    const { store } = await storeWith({
      lookInside: async () =>
        result(
          [1, 2, 3],
          [
            [1, 'tabby, tabby cat', 0.7],
            [2, 'tiger cat', 0.2],
          ],
        ),
      classMaps: (_s, _n, _c, _o, onProgress) => {
        report = onProgress;
        return new Promise(() => undefined);
      },
      cancelGradCam,
    });
    store.run('inception-resnet-v2');
    render(
      <InsideContext.Provider value={store}>
        <NodeInside
          network="inception-resnet-v2"
          node={conv}
          scales={{}}
          channel={undefined}
          onChannel={() => undefined}
        />
      </InsideContext.Provider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Grad-CAM of the top-5 at this layer' }));
    expect(await screen.findByText(/^Computing gradients…/)).toBeTruthy();
    act(() => report!({ done: 0, total: 2 }));
    const map = { width: 17, height: 17, data: new Float32Array(17 * 17) };
    act(() =>
      report!({
        done: 1,
        total: 2,
        map: {
          classIndex: 1,
          label: 'tabby, tabby cat',
          logit: 3,
          method: 'grad-cam',
          node: conv.address,
          map,
          backend: 'wasm',
          ms: 900,
        },
      }),
    );
    expect(screen.getByText('Computing gradients: 1 of 2 classes done…')).toBeTruthy();
    expect(
      (screen.getByRole('progressbar', { name: 'Classes of the Grad-CAM done' }) as HTMLProgressElement).value,
    ).toBe(1);
    // The first class's map is there while the second is computed.
    expect(
      within(screen.getByRole('group', { name: 'Class' }))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['tabby']);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancelGradCam).toHaveBeenCalledWith(expect.stringMatching(/^grad-cam-\d+$/));
    expect(await screen.findByRole('button', { name: 'Grad-CAM of the top-5 at this layer' })).toBeTruthy();
    expect(screen.queryByText(/classes done/)).toBeNull();
  });

  it('says what went wrong when the worker cannot answer, and asks again on "Try again"', async () => {
    let asked = 0;
    const { store } = await storeWith({
      detail: async () => {
        asked++;
        throw new Error('the network was rebuilt; look again');
      },
    });
    render(
      <InsideContext.Provider value={store}>
        <NodeInside
          network="inception-resnet-v2"
          node={conv}
          scales={{}}
          channel={undefined}
          onChannel={() => undefined}
        />
      </InsideContext.Provider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('the network was rebuilt; look again Try again');
    expect(asked).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(asked).toBe(2));
    expect((await screen.findByRole('alert')).textContent).toBe('the network was rebuilt; look again Try again');
  });
});

describe('<ResidualLab>', () => {
  it("moves a group's scale after the slider rests, and compares the top-5 with the released scales", () => {
    vi.useFakeTimers();
    const onChange = vi.fn();
    const released = result(
      [5, 1, 0],
      [
        [0, 'tench', 0.97],
        [1, 'goldfish', 0.02],
      ],
    );
    const current = result(
      [1, 4, 0],
      [
        [1, 'goldfish', 0.95],
        [0, 'tench', 0.04],
      ],
    );
    const { rerender } = render(
      <ResidualLab
        groups={groups}
        overrides={{}}
        onChange={onChange}
        current={current}
        released={released}
        busy={false}
      />,
    );
    expect(screen.getByRole('button', { name: 'Released scales' })).toHaveProperty('disabled', true);
    const b = screen.getByRole('slider', { name: '20 × Inception-ResNet-B' }) as HTMLInputElement;
    expect(b.value).toBe('0.1');
    fireEvent.change(b, { target: { value: '0' } });
    fireEvent.change(b, { target: { value: '0.05' } });
    expect(onChange).not.toHaveBeenCalled();
    act(() => void vi.advanceTimersByTime(300));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith({ 'inception-resnet-b': 0.05 });
    vi.useRealTimers();

    rerender(
      <ResidualLab
        groups={groups}
        overrides={{ 'inception-resnet-b': 0.05 }}
        onChange={onChange}
        current={current}
        released={released}
        busy={false}
      />,
    );
    // Released probabilities are the softmax of the released logits [5, 1, 0]: e⁵ / (e⁵ + e + 1) = 97.6 %, e / (…) =
    // 1.79 %.
    const top = screen.getByTestId('lab-top');
    // (Percentages keep their sign with a no-break space.)
    expect(
      within(top)
        .getAllByRole('listitem')
        .map((li) => li.textContent!.replace(/\u00a0/g, ' ')),
    ).toEqual(['goldfish 95.0 % was #2 (1.79 %)', 'tench 4.00 % was #1 (97.6 %)']);
    expect(screen.getByText('The top-1 class changed.')).toBeTruthy();
    expect(screen.getByText(/Largest change of a logit: 4\./)).toBeTruthy();
    expect(
      screen.getByRole('img', { name: "The 3 logits with these scales against the released scales'" }),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Released scales' }));
    expect(onChange).toHaveBeenLastCalledWith({});
  });

  it('writes scales with two decimals and a softmax\'s tail as "< 0.01 %"', () => {
    // Released logits [50, 0, 0]: goldfish had e⁻⁵⁰ ≈ 2e-22 of the probability.
    const released = result([50, 0, 0], [[0, 'tench', 1]]);
    const current = result([0, 9, 0], [[1, 'goldfish', 0.99]]);
    render(
      <ResidualLab
        groups={groups}
        overrides={{ 'inception-resnet-b': 0 }}
        onChange={vi.fn()}
        current={current}
        released={released}
        busy={false}
      />,
    );
    const top = screen.getByTestId('lab-top');
    expect(
      within(top)
        .getAllByRole('listitem')
        .map((li) => li.textContent!.replace(/\u00a0/g, ' ')),
    ).toEqual(['goldfish 99.0 % new in the top-5 (< 0.01 %)']);
    const b = screen.getByRole('slider', { name: '20 × Inception-ResNet-B' });
    expect(b.previousElementSibling!.textContent).toBe('s = 0.00 (released 0.10)');
    expect(b.getAttribute('aria-valuetext')).toBe('s = 0.00');
  });
});

describe('<DepthChart>', () => {
  it('draws the measures the runs have: residual ratios only where there are residual blocks', () => {
    const v4: DepthPoint[] = [
      { address: 'stem', label: 'Stem', index: 0, mean: 0.5, zeroFraction: 0.4 },
      { address: 'inception-a', label: 'A', index: 1, mean: 0.7, zeroFraction: 0.6 },
    ];
    const { rerender } = render(<DepthChart series={[{ name: 'Inception-v4', points: v4, colour: 0 }]} />);
    expect(screen.getAllByRole('img').map((i) => i.getAttribute('aria-label'))).toEqual([
      'Mean activation along depth',
      'Fraction of exact zeros along depth',
    ]);
    const ir: DepthPoint[] = [
      { ...v4[0] },
      {
        address: 'a/0',
        label: 'A 1',
        index: 1,
        mean: 1,
        zeroFraction: 0.3,
        residual: { scale: 0.17, shortcut: 10, branch: 5, scaled: 0.85, ratio: 0.085 },
      },
    ];
    rerender(
      <DepthChart
        series={[
          { name: 'Inception-v4', points: v4, colour: 0 },
          { name: 'Inception-ResNet-v2', points: ir, colour: 1 },
        ]}
      />,
    );
    expect(screen.getAllByRole('img')).toHaveLength(3);
    expect(screen.getByText('A 1: 0.085')).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Inception-v4',
      'Inception-ResNet-v2',
    ]);
  });
});
