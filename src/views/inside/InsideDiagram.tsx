/**
 * The explorer's diagram with a photo attached: every box that stands for a grid-shaped output carries a
 * thumbnail of it (channel mean, or the chosen channel of the selected box), fetched from the worker for
 * the boxes of this view only. The diagram draws the layout as ever; thumbnails are injected overlays.
 */
import { useCallback, useEffect, useMemo } from 'react';
import type { NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { thumbnailRects } from '../../layout/thumbnails.ts';
import type { Box } from '../../layout/types.ts';
import type { ResidualScales } from '../../runtime/inside/protocol.ts';
import type { InferenceNetwork } from '../../runtime/worker/protocol.ts';
import { Diagram } from '../diagram/Diagram.tsx';
import type { DiagramProps } from '../diagram/props.ts';
import { runKey, summaryKey } from './inside-store.ts';
import { thumbnailHref, useSecondPhoto } from './second-thumbnails.ts';
import { scalesKey } from '../../model/analysis/residual-groups.ts';
import { targetNodes, thumbnailTargets } from './targets.ts';
import { RunStatus } from './ThumbnailLegend.tsx';
import { useInside } from './useInside.ts';
import './inside.css';

export interface InsideDiagramProps extends DiagramProps {
  analysis: NetworkAnalysis;
  network: InferenceNetwork;
  slot: string;
  scales: ResidualScales;
  /** The selected node and the channel its thumbnail shows instead of the mean. */
  channel?: { node: string; channel: number };
  /** A second photo's slot: its thumbnails beside the first's (the layout has room for two). */
  compare?: string | undefined;
}

export function InsideDiagram({ analysis, network, slot, scales, channel, compare, ...diagram }: InsideDiagramProps) {
  const [state, store] = useInside();
  const second = useSecondPhoto(network, scales, compare);
  const key = scalesKey(scales);
  const run = runKey(network, scales);
  const ready = state.photo.status === 'ready';
  const result = state.runs.get(run);

  const targets = useMemo(() => thumbnailTargets(analysis, diagram.layout), [analysis, diagram.layout]);
  const nodes = useMemo(() => targetNodes(targets), [targets]);

  useEffect(() => void store.show(slot), [store, slot]);
  useEffect(() => second.show(nodes, channel), [second, nodes, channel]);
  // The run summarises this view's boxes on the way (its thumbnails then need no second pass).
  useEffect(() => {
    if (ready) store.run(network, scales, nodes);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `scales`
  }, [store, ready, network, key, nodes]);
  const done = result?.status === 'done';
  useEffect(() => {
    if (!done) return;
    store.requestSummaries(network, scales, nodes);
    if (channel) store.requestSummaries(network, scales, [channel.node], channel.channel);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `scales`
  }, [store, done, network, key, nodes, channel?.node, channel?.channel]);

  const crop = done ? result.value.crop : undefined;
  const overlay = useCallback(
    (box: Box) => {
      const rects = thumbnailRects(box);
      const target = targets.get(box.address);
      if (rects.length === 0 || !target) return null;
      const chosen = channel?.node === target ? channel.channel : undefined;
      const hrefs = [thumbnailHref(target, crop, state.summaries.get(summaryKey(run, target, chosen)))];
      if (rects.length > 1) hrefs.push(second.href(target, chosen));
      return (
        <g className="ie-thumbnail" pointerEvents="none">
          {rects.map((rect, i) => (
            <g key={i} className={i > 0 ? 'ie-thumbnail-second' : undefined}>
              {hrefs[i] ? (
                <image
                  href={hrefs[i]}
                  x={rect.x}
                  y={rect.y}
                  width={rect.size}
                  height={rect.size}
                  preserveAspectRatio="none"
                />
              ) : (
                <rect className="ie-thumbnail-pending" x={rect.x} y={rect.y} width={rect.size} height={rect.size} />
              )}
              <rect className="ie-thumbnail-frame" x={rect.x} y={rect.y} width={rect.size} height={rect.size} />
            </g>
          ))}
        </g>
      );
    },
    [targets, crop, channel, state.summaries, run, second],
  );

  return (
    <div className="inside-diagram">
      {/* A photo that is not there (a link from another device) gets no empty thumbnail frames. */}
      <Diagram
        {...diagram}
        {...(state.photo.status === 'missing' || state.photo.status === 'error' ? {} : { overlay })}
      />
      <RunStatus photo={state.photo} run={result} />
    </div>
  );
}
