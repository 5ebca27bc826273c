/** The classify page's "Where it looks": the CAM of the top-5 over the crop, for a photo of the library. */
import { useEffect } from 'react';
import type { InferenceNetwork } from '../../runtime/worker/protocol.ts';
import { ClassMapView } from './ClassMapView.tsx';
import { classMapKey, runKey } from './inside-store.ts';
import { useInside } from './useInside.ts';
import './inside.css';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';
import { InsideProblem } from './InsideProblem.tsx';

export function PhotoClassMaps({ slot, network }: { slot: string; network: InferenceNetwork }) {
  const [state, store] = useInside();
  const t = useMessages(insideText);
  const ready = state.photo.status === 'ready' && state.photo.slot === slot;
  const run = state.runs.get(runKey(network));
  const result = ready && run?.status === 'done' ? run.value : undefined;
  useEffect(() => void store.show(slot), [store, slot]);
  useEffect(() => {
    if (ready) store.run(network);
  }, [store, ready, network]);
  useEffect(() => {
    if (result)
      store.requestClassMaps(
        network,
        {},
        result.top.map((p) => p.classIndex),
      );
  }, [store, network, result]);
  const maps = result
    ? state.classMaps.get(
        classMapKey(
          runKey(network),
          result.top.map((p) => p.classIndex),
        ),
      )
    : undefined;
  if (state.photo.status === 'missing' || state.photo.status === 'error') {
    return (
      <p className="error" role="alert">
        {t.noLongerKept}
      </p>
    );
  }
  if (run?.status === 'error') return <InsideProblem className="error" message={run.message} />;
  if (maps?.status === 'error') return <InsideProblem className="error" message={maps.message} />;
  if (!result || maps?.status !== 'done')
    return (
      <p className="meta" role="status">
        {t.computingMaps}
      </p>
    );
  return (
    <div className="inside-panel-inline">
      <ClassMapView crop={result.crop} maps={maps.value} where={t.finalMap} />
    </div>
  );
}
