/** What a selected box does with the photo: statistics, histogram, residual norms, feature maps, Grad-CAM. */
import { useEffect, useState } from 'react';
import type { AnalyzedNode, NetworkAnalysis } from '../../model/analysis/analyze.ts';
import type { ChannelOrder, ResidualScales } from '../../runtime/inside/protocol.ts';
import type { InferenceNetwork } from '../../runtime/worker/protocol.ts';
import { shapeText } from '../format.ts';
import { nodeTitle } from '../inspector/Inspector.tsx';
import { ClassMapView } from './ClassMapView.tsx';
import { ChannelVisualization } from './ChannelVisualization.tsx';
import { FeatureGrid } from './FeatureGrid.tsx';
import { Histogram } from './Histogram.tsx';
import { classMapKey, detailKey, runKey } from './inside-store.ts';
import { ResidualNormsView, StatsList } from './NodeStats.tsx';
import { useInside } from './useInside.ts';
import { insideText } from '../i18n/inside.ts';
import { gradcamText } from '../i18n/gradcam.ts';
import { useMessages } from '../i18n/messages.ts';
import { InsideProblem } from './InsideProblem.tsx';
import { ChannelExamples } from './examples/ChannelExamples.tsx';

export interface NodeInsideProps {
  network: InferenceNetwork;
  node: AnalyzedNode;
  scales: ResidualScales;
  channel: number | undefined;
  onChannel: (channel: number | undefined) => void;
  /** The network's analysis (receptive fields), for the channel's examples. */
  analysis?: NetworkAnalysis;
}

export function NodeInside({ network, node, scales, channel, onChannel, analysis }: NodeInsideProps) {
  const [state, store] = useInside();
  const [order, setOrder] = useState<ChannelOrder>('mean');
  const [count, setCount] = useState(16);
  const run = runKey(network, scales);
  const detail = state.details.get(detailKey(run, node.address, order, count));
  useEffect(
    () => store.requestDetail(network, scales, node.address, order, count),
    [store, network, scales, node.address, order, count],
  );
  const grid = node.output.length === 3;
  const title = nodeTitle(node);
  const t = useMessages(insideText);
  return (
    <div className="node-inside" data-address={node.address}>
      <h3>
        {title} <span className="empty">→ {shapeText(node.output)}</span>
      </h3>
      {detail?.status === 'loading' && (
        <p className="empty" role="status">
          {t.computing}
        </p>
      )}
      {detail?.status === 'error' && <InsideProblem message={detail.message} />}
      {detail?.status === 'done' && (
        <>
          <StatsList stats={detail.value.stats} />
          <Histogram histogram={detail.value.histogram} label={t.valuesOf(title)} />
          {detail.value.residual && <ResidualNormsView norms={detail.value.residual} />}
          {grid && (
            <FeatureGrid
              detail={detail.value}
              order={order}
              count={count}
              onOrder={setOrder}
              onCount={setCount}
              thumbnailChannel={channel}
              onThumbnailChannel={onChannel}
              aboutChannel={(c: number) => (
                <>
                  {analysis && (
                    <ChannelExamples network={network} analysis={analysis} node={node.address} channel={c} />
                  )}
                  <ChannelVisualization
                    key={`${network}|${node.address}|${c}`}
                    network={network}
                    node={node.address}
                    channel={c}
                  />
                </>
              )}
            />
          )}
        </>
      )}
      {grid && <GradCam network={network} node={node} scales={scales} />}
    </div>
  );
}

function GradCam({ network, node, scales }: { network: InferenceNetwork; node: AnalyzedNode; scales: ResidualScales }) {
  const [state, store] = useInside();
  const run = state.runs.get(runKey(network, scales));
  const top = run?.status === 'done' ? run.value.top : [];
  const t = useMessages(insideText);
  const g = useMessages(gradcamText);
  const classes = top.map((p) => p.classIndex);
  const maps = state.classMaps.get(classMapKey(runKey(network, scales), classes, node.address));
  if (run?.status !== 'done') return null;
  return (
    <section className="grad-cam" aria-label={t.gradCam}>
      <h4>{t.fromHere}</h4>
      {/* What the store has for this layer (asked before, or asked again after a worker restart re-ran the photo). */}
      {!maps ? (
        <p>
          <button type="button" onClick={() => store.requestClassMaps(network, scales, classes, node.address)}>
            {t.gradCamButton}
          </button>
          <span className="empty">{t.gradCamNote}</span>
        </p>
      ) : maps.status === 'loading' ? (
        <>
          <p className="empty grad-cam-progress" role="status">
            {'done' in maps ? (
              <>
                <progress max={maps.total} value={maps.done} aria-label={g.progressLabel} />
                <span>{g.progress(maps.done, maps.total)}</span>
              </>
            ) : (
              <span>{t.computingGradients}</span>
            )}
            <button type="button" onClick={() => store.cancelClassMaps(network, scales, classes, node.address)}>
              {g.cancel}
            </button>
          </p>
          {'maps' in maps && maps.maps.length > 0 && (
            <ClassMapView crop={run.value.crop} maps={maps.maps} where={nodeTitle(node)} />
          )}
        </>
      ) : maps.status === 'error' ? (
        <InsideProblem message={maps.message} />
      ) : (
        <ClassMapView crop={run.value.crop} maps={maps.value} where={nodeTitle(node)} />
      )}
    </section>
  );
}
