/**
 * The panel's "Where they part": pick a second photo (from the photo library, like the first); once both
 * photos have run, the chart of how alike the network sees them, block by block. Removing the second
 * photo returns to one.
 */
import { useEffect } from 'react';
import type { ResidualScales } from '../../runtime/inside/protocol.ts';
import type { InferenceNetwork } from '../../runtime/worker/protocol.ts';
import { partingText } from '../i18n/parting.ts';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';
import { useSayFailure } from '../i18n/said.ts';
import { PhotoPicker } from '../photos/PhotoPicker.tsx';
import { secondSlot, useComparison } from './comparison-stores.ts';
import { runKey } from './inside-store.ts';
import { partingKey } from './parting-store.ts';
import { PartingChart } from './PartingChart.tsx';
import './parting.css';
import { useInside } from './useInside.ts';

export interface CompareSectionProps {
  network: InferenceNetwork;
  /** The first photo's slot. */
  slot: string;
  /** The second photo's slot, if one is picked. */
  compare: string | undefined;
  scales: ResidualScales;
  onCompare: (slot: string | undefined) => void;
}

export function CompareSection({ network, slot, compare, scales, onCompare }: CompareSectionProps) {
  const [state] = useInside();
  const {
    second: [secondState, secondStore],
    parting: [partingState, partingStore],
  } = useComparison();
  const t = useMessages(partingText);
  const words = useMessages(insideText);
  const sayFailure = useSayFailure();
  const key = runKey(network, scales);
  const first = state.runs.get(key);
  const other = secondState.runs.get(key);
  const ready = secondState.photo.status === 'ready';

  useEffect(() => void secondStore.show(compare), [secondStore, compare]);
  useEffect(() => {
    if (ready) secondStore.run(network, scales);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `scales`
  }, [secondStore, ready, network, key]);
  const runs = first?.status === 'done' && other?.status === 'done' ? [first.value, other.value] : undefined;
  useEffect(() => {
    if (compare && runs) partingStore.request(network, scales, slot, secondSlot(compare), runs);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `scales`; `runs` by its members
  }, [partingStore, network, key, slot, compare, runs?.[0], runs?.[1]]);

  const picker = (
    <PhotoPicker
      slot={compare}
      onPick={onCompare}
      words={{ choose: t.compareWith, attached: t.compared, dialog: t.dialog }}
    />
  );
  if (!compare) {
    return (
      <section className="compare-section" aria-labelledby="parting-title">
        <h3 id="parting-title">{t.title}</h3>
        <p className="empty">{t.intro}</p>
        {picker}
      </section>
    );
  }
  const photo = secondState.photo;
  const result = partingState.get(partingKey(network, scales, slot, secondSlot(compare)));
  const firstName = state.photo.status === 'ready' ? state.photo.name : slot;
  const secondName = photo.status === 'ready' ? photo.name : compare;
  const again = () => runs && partingStore.request(network, scales, slot, secondSlot(compare), runs);
  return (
    <section className="compare-section" aria-labelledby="parting-title" data-parting={result?.status ?? 'none'}>
      <h3 id="parting-title">{t.title}</h3>
      <p className="photo-name">
        {t.second} <strong>{secondName}</strong>
        {photo.status === 'ready' && (
          <>
            {' '}
            <span className="empty">{words.size(photo.width, photo.height)}</span>
          </>
        )}{' '}
        <button type="button" className="link" onClick={() => onCompare(undefined)}>
          {t.stop}
        </button>
      </p>
      {photo.status === 'missing' && (
        <p className="problem" role="alert">
          {t.missing}
        </p>
      )}
      {photo.status === 'error' && (
        <p className="problem" role="alert">
          {t.unreadable(sayFailure(photo.message))}
        </p>
      )}
      {(photo.status === 'missing' || photo.status === 'error') && picker}
      {other?.status === 'error' && (
        <p className="problem" role="alert">
          {words.couldNotRun(sayFailure(other.message))}{' '}
          <button type="button" className="link" onClick={() => secondStore.retry()}>
            {words.tryAgain}
          </button>
        </p>
      )}
      {photo.status === 'ready' && !result && (
        <p className="empty" role="status">
          {t.waiting}
        </p>
      )}
      {result?.status === 'loading' && (
        <p className="empty" role="status">
          {t.running}
        </p>
      )}
      {result?.status === 'error' && (
        <p className="problem" role="alert">
          {t.failed(sayFailure(result.message))}{' '}
          <button type="button" className="link" onClick={again}>
            {words.tryAgain}
          </button>
        </p>
      )}
      {result?.status === 'done' && (
        <>
          <p className="empty">{t.photos(firstName, secondName)}</p>
          <PartingChart points={result.value} first={firstName} second={secondName} />
        </>
      )}
    </section>
  );
}
