// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../../model/analysis/analyze.ts';
import { NETWORKS } from '../../../model/networks/index.ts';
import type { LookInsideResult } from '../../../runtime/inside/protocol.ts';
import { LocaleContext } from '../../i18n/useLocale.ts';
import { PhotoLibrary } from '../../photos/library.ts';
import { ChannelExamples } from './ChannelExamples.tsx';
import { ExamplesContext, type ExamplesContextValue } from './examples-context.ts';
import { memoryExamplesStore } from './examples-store.ts';
import { ExamplesIndexer } from './indexer.ts';

afterEach(cleanup);

const v4 = analyzeNetwork(NETWORKS['inception-v4'].released!);
const NODE = 'stem/0'; // 149×149×32, 3×3 boxes at twice the cell

/** Two kept photos; channel 5's maximum is 2.5 at cell (10, 20) in the second, 1.25 at (0, 0) in the first. */
async function context(gate: Promise<void> = Promise.resolve()): Promise<ExamplesContextValue> {
  const library = PhotoLibrary.inMemory();
  await library.add(new Blob(['first']), 'first.jpg');
  await new Promise((r) => setTimeout(r, 2));
  await library.add(new Blob(['second']), 'second.jpg');
  let attached = '';
  globalThis.URL.createObjectURL ??= () => 'blob:view';
  globalThis.URL.revokeObjectURL ??= () => undefined;
  const indexer = new ExamplesIndexer({
    api: {
      attachPhoto: async (_slot, image) => {
        attached = image.kind === 'blob' ? await image.blob.text() : '';
        return { width: 10, height: 10 };
      },
      lookInside: async () => ({ crop: { close: () => undefined } }) as unknown as LookInsideResult,
      channelMaxima: async () => (
        await gate,
        [
          {
            max: Float32Array.from({ length: 32 }, (_, c) => (c === 5 ? (attached === 'first' ? 1.25 : 2.5) : 0)),
            position: Int32Array.from({ length: 32 }, () => (attached === 'first' ? 0 : 10 * 149 + 20)),
          },
        ]
      ),
      releasePhoto: async () => undefined,
    },
    library,
    store: memoryExamplesStore(),
    toBlob: async () => new Blob(['png']),
  });
  return { indexer, weights: { sha256: () => 'sha', subscribe: () => () => undefined } };
}

describe('<ChannelExamples>', () => {
  it("indexes the kept photos and shows the channel's examples, best first, with values and receptive-field crops", async () => {
    render(
      <ExamplesContext.Provider value={await context()}>
        <ChannelExamples network="inception-v4" analysis={v4} node={NODE} channel={5} />
      </ExamplesContext.Provider>,
    );
    const section = screen.getByRole('region', { name: 'Examples for channel 5' });
    await within(section).findByText('No photos are indexed at this layer yet.');
    await act(async () => fireEvent.click(within(section).getByRole('button', { name: 'Index the kept photos…' })));
    await within(section).findByText('2 of 2 kept photos indexed at this layer.');
    const crops = within(section).getAllByRole('img');
    expect(crops.map((c) => c.getAttribute('aria-label'))).toEqual([
      'Example 1: second.jpg, 2.5 at cell 10, 20',
      'Example 2: first.jpg, 1.25 at cell 0, 0',
    ]);
    // The box of cell (10, 20) of the stem's first conv: rows 20–22, columns 40–42 of the 299² view.
    expect(crops[0].getAttribute('viewBox')).toBe('40 20 3 3');
    expect(crops[1].getAttribute('viewBox')).toBe('0 0 3 3');
    expect(crops[0].querySelector('image')!.getAttribute('width')).toBe('299');
  });

  it('shows progress while indexing; Cancel stops after the photo in progress, and Resume goes on', async () => {
    let release: () => void = () => undefined;
    // Each photo's maxima wait at the gate until it is opened.
    const value = await context(
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    render(
      <ExamplesContext.Provider value={value}>
        <ChannelExamples network="inception-v4" analysis={v4} node={NODE} channel={5} />
      </ExamplesContext.Provider>,
    );
    const section = screen.getByRole('region', { name: 'Examples for channel 5' });
    const button = await within(section).findByRole('button', { name: 'Index the kept photos…' });
    await act(async () => fireEvent.click(button));
    expect(within(section).getByRole('progressbar', { name: 'Indexing the kept photos' })).toBeTruthy();
    await act(async () => fireEvent.click(within(section).getByRole('button', { name: 'Cancel' })));
    await act(async () => release());
    await within(section).findByText('Indexing stopped: resume to go on from where it stopped.');
    expect(within(section).getByText('1 of 2 kept photos indexed at this layer.')).toBeTruthy();
    expect(within(section).getAllByRole('img')).toHaveLength(1);
    await act(async () => fireEvent.click(within(section).getByRole('button', { name: 'Resume indexing' })));
    await within(section).findByText('2 of 2 kept photos indexed at this layer.');
    expect(within(section).getAllByRole('img')).toHaveLength(2);
  });

  it('speaks Chinese', async () => {
    render(
      <LocaleContext.Provider value={{ locale: 'zh', toggle: () => undefined }}>
        <ExamplesContext.Provider value={await context()}>
          <ChannelExamples network="inception-v4" analysis={v4} node={NODE} channel={5} />
        </ExamplesContext.Provider>
      </LocaleContext.Provider>,
    );
    const section = screen.getByRole('region', { name: '通道 5 的示例' });
    await act(async () =>
      fireEvent.click(await within(section).findByRole('button', { name: '为已保存的照片建立索引…' })),
    );
    await waitFor(() => expect(within(section).getAllByRole('img')).toHaveLength(2));
    expect(within(section).getByText('此层已为 2 张已保存照片中的 2 张建立索引。')).toBeTruthy();
  });
});
