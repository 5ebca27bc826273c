// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PredictOutcome } from '../../runtime/worker/protocol.ts';
import { trainedNetworkId } from '../../model/trained.ts';
import { rememberTrainedTitle } from '../networks/names.ts';
import { PredictionModePicker } from './PredictionModePicker.tsx';
import { PredictionColumns, PredictionProgress } from './PredictionResult.tsx';
import { ResultCard } from './ResultCard.tsx';
import { LocaleContext } from '../i18n/useLocale.ts';

afterEach(cleanup);

const top = (first: number) =>
  Array.from({ length: 5 }, (_, i) => ({
    classIndex: first + i,
    label: `class ${first + i}, more`,
    probability: 0.5 / (i + 1),
  }));
const PREDICTION: PredictOutcome = {
  width: 640,
  height: 480,
  decodeMs: 12,
  totalMs: 15_300,
  modes: [
    { model: 'inception-v4', crops: 1, top: top(1), passes: 1 },
    { model: 'inception-v4', crops: 12, top: top(10), passes: 12 },
    { model: 'inception-resnet-v2', crops: 1, top: top(2), passes: 1 },
    { model: 'inception-resnet-v2', crops: 12, top: top(20), passes: 12 },
    { model: 'ensemble', crops: 1, top: top(3), passes: 2 },
    { model: 'ensemble', crops: 12, top: top(30), passes: 24 },
  ],
  networks: [
    { network: 'inception-v4', passes: 12, backend: 'wasm', timings: { preprocessMs: 80, inferenceMs: 7000 } },
    { network: 'inception-resnet-v2', passes: 12, backend: 'wasm', timings: { preprocessMs: 90, inferenceMs: 8000 } },
  ],
};

describe('PredictionModePicker', () => {
  it('chooses crops and the ensemble, and says what a photo will cost', () => {
    const onChange = vi.fn();
    const { rerender } = render(
      <PredictionModePicker mode={{ crops: 1, ensemble: false }} onChange={onChange} loaded={1} passMs={600} />,
    );
    expect(screen.getByText(/1 forward pass per photo, about 1 s at the last measured 0\.60 s a pass/)).toBeTruthy();
    fireEvent.click(screen.getByLabelText('144 crops'));
    expect(onChange).toHaveBeenLastCalledWith({ crops: 144, ensemble: false });
    fireEvent.click(screen.getByLabelText(/Ensemble/));
    expect(onChange).toHaveBeenLastCalledWith({ crops: 1, ensemble: true });

    rerender(
      <PredictionModePicker mode={{ crops: 144, ensemble: true }} onChange={onChange} loaded={1} passMs={600} />,
    );
    expect(
      screen.getByText(/288 forward passes per photo, about 2 min 53 s .* The ensemble needs both networks/),
    ).toBeTruthy();
    expect(screen.getByText(/this project’s reading of the paper/)).toBeTruthy();
  });
});

describe('a photo predicted in a mode', () => {
  it("shows each network's averaged top-5 and the ensemble's, with passes and time", () => {
    render(<PredictionColumns prediction={PREDICTION} />);
    const v4 = screen.getByRole('region', { name: 'Inception-v4' });
    expect(
      within(v4)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('data-class-index')),
    ).toEqual(['10', '11', '12', '13', '14']);
    expect(v4.querySelector('.timings')!.textContent).toBe(
      '12 crops averaged · 12 forward passes · inference 7.00 s, crops 80 ms on WebAssembly',
    );
    const ensemble = screen.getByRole('region', { name: 'Ensemble' });
    expect(within(ensemble).getAllByRole('listitem')[0].getAttribute('data-class-index')).toBe('30');
    expect(ensemble.textContent).toContain('24 forward passes in all · 15.30 s for the photo');
  });

  it('shows progress with the time left while running, and cancels', () => {
    const onCancel = vi.fn();
    render(
      <PredictionProgress name="cat.jpg" progress={{ done: 36, total: 144, etaMs: 80_000 }} onCancel={onCancel} />,
    );
    expect(screen.getByText('36 of 144 forward passes · about 1 min 20 s left')).toBeTruthy();
    expect((screen.getByLabelText('Forward passes for cat.jpg') as HTMLProgressElement).value).toBe(36);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('puts the mode, passes and time on the card', () => {
    render(
      <ResultCard
        photo={{ id: 1, name: 'cat.jpg', status: 'done', mode: { crops: 12, ensemble: true }, prediction: PREDICTION }}
        onRemove={() => undefined}
      />,
    );
    expect(screen.getByText('12 crops, ensemble of both networks · 24 forward passes · 15.30 s')).toBeTruthy();
    expect(screen.getByText('640×480 px, decoded in 12 ms')).toBeTruthy();
  });

  it('says which network still loading will classify the photo too, in English and Chinese', () => {
    const photo = {
      id: 1,
      name: 'cat.jpg',
      status: 'done' as const,
      prediction: PREDICTION,
      awaiting: ['inception-resnet-v2' as const],
    };
    render(<ResultCard photo={photo} onRemove={() => undefined} />);
    expect(
      screen.getByText('Inception-ResNet-v2 is still loading: it classifies this photo too once it is ready.'),
    ).toBeTruthy();
    cleanup();
    render(
      <LocaleContext.Provider value={{ locale: 'zh', toggle: () => undefined }}>
        <ResultCard photo={photo} onRemove={() => undefined} />
      </LocaleContext.Provider>,
    );
    expect(screen.getByText('Inception-ResNet-v2 仍在加载：加载完成后也会识别这张照片。')).toBeTruthy();
    cleanup();
    render(<ResultCard photo={{ ...photo, awaiting: undefined }} onRemove={() => undefined} />);
    expect(screen.queryByText(/still loading/)).toBeNull();
  });

  it('offers each network\'s "Look inside" and "Where it looks" with the photo, saying they use the centre crop', () => {
    render(
      <ResultCard
        photo={{
          id: 1,
          name: 'cat.jpg',
          status: 'done',
          slot: 'p7',
          mode: { crops: 12, ensemble: true },
          prediction: PREDICTION,
        }}
        onRemove={() => undefined}
      />,
    );
    for (const [name, path] of [
      ['Inception-v4', '/inception-v4/released'],
      ['Inception-ResNet-v2', '/inception-resnet-v2/released'],
    ]) {
      const column = screen.getByRole('region', { name });
      expect(
        within(column)
          .getByRole('link', { name: `Look inside ${name}` })
          .getAttribute('href'),
      ).toBe(`${path}?photo=p7`);
      expect(within(column).getByRole('button', { name: 'Where it looks' })).toBeTruthy();
      expect(column.textContent).toContain('use the centre crop');
    }
    expect(within(screen.getByRole('region', { name: 'Ensemble' })).queryByRole('link')).toBeNull();
  });

  it("says a network trained in this browser is trained, in its column's heading", () => {
    const network = trainedNetworkId('0123456789abcdef');
    rememberTrainedTitle(network, 'Inception-ResNet-v2-S');
    const trained: PredictOutcome = {
      ...PREDICTION,
      modes: [{ model: network, crops: 1, top: top(0), passes: 1 }],
      networks: [{ network, passes: 1, backend: 'wasm', timings: { preprocessMs: 1, inferenceMs: 2 } }],
    };
    render(<PredictionColumns prediction={trained} slot="p7" />);
    const column = screen.getByRole('region', { name: 'Inception-ResNet-v2-S, trained' });
    expect(within(column).getByRole('heading').textContent).toBe('Inception-ResNet-v2-S, trained');
    expect(column.textContent).not.toContain('centre crop');
  });
});
