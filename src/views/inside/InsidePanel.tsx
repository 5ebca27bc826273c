/**
 * The side panel's part when a photo is attached: the photo and the network's top-5 for it, then either
 * what the selected box does with it (statistics, histogram, residual norms, feature maps, Grad-CAM) or,
 * for the whole network, the "through the network" chart, the CAM of the top-5 and the residual-scale lab.
 */
import { Link } from 'wouter';
import type { AnalyzedNode, NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { CLASSIFY } from '../routes.ts';
import type { ResidualScales } from '../../runtime/inside/protocol.ts';
import type { ClassifiableNetwork, InferenceNetwork, TrainedNetworkId } from '../../runtime/worker/protocol.ts';
import { isTrainedNetworkId } from '../../model/trained.ts';
import { TopPredictions } from '../predictions/TopPredictions.tsx';
import { cacheUsable, describeProgress } from '../networks/progress.ts';
import { provenanceText } from '../networks/WeightsCard.tsx';
import { useNetworks } from '../networks/useNetworks.ts';
import { networkTitle } from '../networks/names.ts';
import { runKey, type InsideState, type RunState } from './inside-store.ts';
import { NetworkInside } from './NetworkInside.tsx';
import { NodeInside } from './NodeInside.tsx';
import { residualGroups } from '../../model/analysis/residual-groups.ts';
import { useInside } from './useInside.ts';
import { ThumbnailKey } from './ThumbnailLegend.tsx';
import { BACKEND_TITLES } from '../../runtime/backends/select.ts';
import { useEffect } from 'react';
import { LIMIT } from '../photos/library.ts';
import { PhotosNotKept } from '../photos/PhotosNotKept.tsx';
import './inside.css';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';
import { useSay, useSayFailure } from '../i18n/said.ts';
import { networksText } from '../i18n/networks.ts';
import { InsideProblem } from './InsideProblem.tsx';
import { CompareSection } from './CompareSection.tsx';

export interface InsidePanelProps {
  analysis: NetworkAnalysis;
  network: InferenceNetwork;
  slot: string;
  /** Residual scales that differ from the released network's (canonical: see `overridesOf`). */
  scales: ResidualScales;
  /** The node inspected (the selection, or the block of a block view); none in the network view. */
  node: AnalyzedNode | undefined;
  channel: number | undefined;
  onScales: (overrides: ResidualScales) => void;
  onChannel: (channel: number | undefined) => void;
  onDetach: () => void;
  /** The second photo's slot (two photos compared), and picking another or none. */
  compare?: string | undefined;
  onCompare?: (slot: string | undefined) => void;
}

export function InsidePanel(props: InsidePanelProps) {
  const { analysis, network, slot, node } = props;
  const [state, store] = useInside();
  const { scales } = props;
  const words = useMessages(insideText);
  const groups = residualGroups(analysis);
  const changed = Object.keys(scales).length > 0;
  const key = runKey(network, scales);
  const run = state.runs.get(key);
  const released = state.runs.get(runKey(network));

  useEffect(() => void store.show(slot), [store, slot]);
  const ready = state.photo.status === 'ready';
  useEffect(() => {
    if (!ready) return;
    store.run(network, scales);
    if (changed) store.run(network, {});
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `scales`
  }, [store, ready, network, key, changed]);

  return (
    <section className="inspector inside-panel" aria-labelledby="inside-title" data-run={run?.status ?? 'none'}>
      <h2 id="inside-title">{words.panelTitle}</h2>
      <PhotoSection state={state} run={run} network={network} changed={changed} onDetach={props.onDetach} />
      {ready && <ThumbnailKey channel={node ? props.channel : undefined} />}
      {ready && props.onCompare && (
        <CompareSection
          network={network}
          slot={slot}
          compare={props.compare}
          scales={scales}
          onCompare={props.onCompare}
        />
      )}
      {ready &&
        run?.status === 'done' &&
        (node ? (
          <NodeInside {...props} node={node} />
        ) : (
          <NetworkInside
            {...props}
            groups={groups}
            run={run.value}
            released={released?.status === 'done' ? released.value : undefined}
            busy={false}
          />
        ))}
      {ready && run?.status === 'loading' && !node && changed && released?.status === 'done' && (
        <NetworkInside {...props} groups={groups} run={undefined} released={released.value} busy />
      )}
    </section>
  );
}

function PhotoSection({
  state,
  run,
  network,
  changed,
  onDetach,
}: {
  state: InsideState;
  run: RunState | undefined;
  network: InferenceNetwork;
  changed: boolean;
  onDetach: () => void;
}) {
  const photo = state.photo;
  const t = useMessages(insideText);
  const sayFailure = useSayFailure();
  if (photo.status === 'missing') {
    return (
      <>
        <p className="problem" role="alert">
          {photo.full ? t.missingWhy.dropped(LIMIT) : t.missingWhy.notKept}
          {t.missing[0]}
          <strong>{t.missing[1]}</strong>
          {t.missing[2]}
          <button type="button" className="link" onClick={onDetach}>
            {t.missing[3]}
          </button>
          {t.missing[4]}
        </p>
        <PhotosNotKept />
      </>
    );
  }
  if (photo.status === 'error')
    return (
      <p className="problem" role="alert">
        {t.unreadable(sayFailure(photo.message))}
      </p>
    );
  if (photo.status !== 'ready')
    return (
      <p className="empty" role="status">
        {t.reading}
      </p>
    );
  return (
    <>
      <p className="photo-name">
        <strong>{photo.name}</strong> <span className="empty">{t.size(photo.width, photo.height)}</span>{' '}
        <button type="button" className="link" onClick={onDetach}>
          {t.remove}
        </button>
      </p>
      {run?.status === 'waiting-weights' &&
        (isTrainedNetworkId(network) ? <TrainedNeeded network={network} /> : <WeightsNeeded network={network} />)}
      {run?.status === 'error' && <InsideProblem message={t.couldNotRun(sayFailure(run.message))} />}
      {run?.status === 'loading' && (
        <p className="empty" role="status">
          {t.running}
        </p>
      )}
      {run?.status === 'done' && (
        <div className="inside-top">
          <h3>{t.top5(changed)}</h3>
          <TopPredictions top={run.value.top} />
          <p className="empty">{t.timing(Math.round(run.value.inferenceMs), BACKEND_TITLES[run.value.backend])}</p>
        </div>
      )}
    </>
  );
}

/** A trained network opened in this browser: loaded in the worker as soon as a photo asks for it. */
function TrainedNeeded({ network }: { network: TrainedNetworkId }) {
  const [state, store] = useNetworks();
  const view = state.trained[network];
  const t = useMessages(insideText);
  const say = useSay(networksText);
  useEffect(() => {
    if (!view) void store.openTrained(network);
  }, [store, network, view]);
  if (view?.error)
    return (
      <p className="problem" role="alert">
        {t.couldNotRun(say(view.error))}
      </p>
    );
  return (
    <p className="empty" role="status">
      {t.loadingTrained}
    </p>
  );
}

/** The network's weights are not loaded: offer to get them here (or on the classify page). */
function WeightsNeeded({ network }: { network: ClassifiableNetwork }) {
  const [state, store] = useNetworks();
  const view = state.weights[network];
  const t = useMessages(insideText);
  const m = useMessages(networksText);
  const say = useSay(networksText);
  const title = networkTitle(network);
  const size = network === 'inception-v4' ? '171 MB' : '224 MB';
  // A copy from another source (a mirror) is kept but not used while another source is set.
  const kept =
    view.state?.cached && !cacheUsable(view.state.cached, state.settings.baseUrl) ? view.state.cached : undefined;
  return (
    <div className="problem" role="note">
      <p>
        <strong>{t.needsWeights(title)}</strong>
        {t.toLookInside}
      </p>
      {view.loading ? (
        <p role="status">{t.loading(describeProgress(view.loading.progress, m))}</p>
      ) : (
        <p>
          <button type="button" className="button-primary" onClick={() => void store.download(network)}>
            {t.download(size)}
          </button>
          {t.orFile[0]}
          <Link href={CLASSIFY}>{t.orFile[1]}</Link>
          {t.orFile[2]}
        </p>
      )}
      {kept && (
        <p>
          {t.keptElsewhere(provenanceText(kept.provenance, m))}
          <em>{t.keptWhere[0]}</em>
          {t.keptWhere[1]}
          <Link href={CLASSIFY}>{t.keptWhere[2]}</Link>
          {t.keptWhere[3]}
        </p>
      )}
      {view.error && (
        <p className="error" role="alert">
          {say(view.error)}
        </p>
      )}
    </div>
  );
}
