/** The whole network with the photo: the "through the network" chart, where it looks (CAM), the lab. */
import { useEffect } from 'react';
import type { NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { CLASSIFIABLE_NETWORKS, type InferenceNetwork } from '../../runtime/worker/protocol.ts';
import type { LookInsideResult, ResidualScales } from '../../runtime/inside/protocol.ts';
import { isTrainedNetworkId } from '../../model/trained.ts';
import { networkTitle as titleOf } from '../networks/names.ts';
import { ClassMapView } from './ClassMapView.tsx';
import { DepthChart, type DepthSeries } from './DepthChart.tsx';
import { classMapKey, runKey } from './inside-store.ts';
import { ResidualLab } from './ResidualLab.tsx';
import type { ResidualGroup } from '../../model/analysis/residual-groups.ts';
import { useInside } from './useInside.ts';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';
import { InsideProblem } from './InsideProblem.tsx';

export interface NetworkInsideProps {
  analysis: NetworkAnalysis;
  network: InferenceNetwork;
  groups: readonly ResidualGroup[];
  scales: ResidualScales;
  /** The run at `scales` (undefined while it runs). */
  run: LookInsideResult | undefined;
  /** The run at the released scales. */
  released: LookInsideResult | undefined;
  busy: boolean;
  onScales: (overrides: ResidualScales) => void;
}

export function NetworkInside({ network, groups, scales, run, released, busy, onScales }: NetworkInsideProps) {
  const [state, store] = useInside();
  // The other released network on the same photo, for the overlay; a trained network has none to compare with.
  const other = isTrainedNetworkId(network) ? undefined : CLASSIFIABLE_NETWORKS.find((n) => n !== network);
  const otherRun = other && state.runs.get(runKey(other));
  const changed = Object.keys(scales).length > 0;
  const t = useMessages(insideText);

  // It runs once its weights are loaded.
  useEffect(() => {
    if (other) store.run(other);
  }, [store, other]);
  const classes = run?.top.map((p) => p.classIndex) ?? [];
  const camKey = run ? classMapKey(runKey(network, scales), classes) : undefined;
  const cam = camKey ? state.classMaps.get(camKey) : undefined;
  useEffect(() => {
    if (run)
      store.requestClassMaps(
        network,
        scales,
        run.top.map((p) => p.classIndex),
      );
  }, [store, network, scales, run]);

  const series: DepthSeries[] = [];
  if (run)
    series.push({ name: changed ? t.theseScales(titleOf(network)) : titleOf(network), points: run.depth, colour: 0 });
  if (changed && released)
    series.push({ name: t.releasedScales(titleOf(network)), points: released.depth, colour: 0, dashed: true });
  if (other && otherRun?.status === 'done')
    series.push({ name: titleOf(other), points: otherRun.value.depth, colour: 1 });

  return (
    <>
      {series.length > 0 && (
        <section aria-labelledby="depth-title">
          <h3 id="depth-title">{t.through}</h3>
          <DepthChart series={series} />
          {other && otherRun?.status === 'waiting-weights' && <p className="empty">{t.loadOther(titleOf(other))}</p>}
          {other && otherRun?.status === 'loading' && (
            <p className="empty" role="status">
              {t.runningOther(titleOf(other))}
            </p>
          )}
        </section>
      )}
      {run && (
        <section aria-labelledby="cam-title">
          <h3 id="cam-title">{t.whereItLooks}</h3>
          {cam?.status === 'done' && <ClassMapView crop={run.crop} maps={cam.value} where={t.finalMap} />}
          {cam?.status === 'loading' && (
            <p className="empty" role="status">
              {t.computingMaps}
            </p>
          )}
          {cam?.status === 'error' && <InsideProblem message={cam.message} />}
        </section>
      )}
      {groups.length > 0 && (
        <ResidualLab
          groups={groups}
          overrides={scales}
          onChange={onScales}
          current={run}
          released={released}
          busy={busy}
        />
      )}
    </>
  );
}
