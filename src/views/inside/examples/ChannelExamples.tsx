/**
 * "Examples for this channel" under the inspector's enlarged channel: the kept photos whose maximum in
 * the channel is largest, each shown as the box of the network's input that the maximum's cell sees (its
 * receptive field, from the analysis), with the value; and the indexing of the kept photos at this layer,
 * with progress, Cancel and resume.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { NetworkAnalysis } from '../../../model/analysis/analyze.ts';
import { cellGrids, receptiveBox } from '../../../model/analysis/receptive-box.ts';
import { TopExamples, type ChannelExample } from '../../../runtime/inside/top-examples.ts';
import type { InferenceNetwork } from '../../../runtime/worker/protocol.ts';
import { value } from '../../format.ts';
import { examplesText } from '../../i18n/examples.ts';
import { useMessages } from '../../i18n/messages.ts';
import { useSayFailure } from '../../i18n/said.ts';
import { useExamples } from './examples-context.ts';
import { examplesKey, type ExamplesRecord } from './examples-store.ts';
import type { IndexTarget } from './indexer.ts';
import './examples.css';

export interface ChannelExamplesProps {
  network: InferenceNetwork;
  analysis: NetworkAnalysis;
  node: string;
  channel: number;
}

/** Side of a crop on screen, in CSS pixels (the longer side of a box clipped at the border). */
const CROP_SIZE = 72;

export function ChannelExamples({ network, analysis, node, channel }: ChannelExamplesProps) {
  const { indexer, weights } = useExamples();
  const sha256 = useSyncExternalStore(weights.subscribe, () => weights.sha256(network));
  const states = useSyncExternalStore(indexer.subscribe, indexer.getSnapshot);
  const shape = analysis.byAddress.get(node)?.output;
  const target = useMemo<IndexTarget | undefined>(
    () => (sha256 && shape?.length === 3 ? { network, sha256, node, shape } : undefined),
    [network, sha256, node, shape],
  );
  useEffect(() => {
    if (target) void indexer.open(target);
  }, [indexer, target]);
  const t = useMessages(examplesText);
  const sayFailure = useSayFailure();
  if (!target) return null;
  const state = states.get(examplesKey(network, target.sha256, node));
  const record = state && 'record' in state ? state.record : undefined;
  const running = state?.status === 'running';
  const headingId = `channel-examples-${channel}`;
  return (
    <section className="channel-examples" aria-labelledby={headingId}>
      <h4 id={headingId}>{t.heading(channel)}</h4>
      <p className="empty">{t.explain}</p>
      {record && record.done > 0 ? (
        <ExampleList record={record} channel={channel} analysis={analysis} />
      ) : (
        <p className="empty">{t.notIndexed}</p>
      )}
      {record && <p className="examples-count">{t.indexed(record.done, record.photos.length)}</p>}
      <div className="examples-controls">
        {running ? (
          <>
            <progress value={record?.done ?? 0} max={Math.max(1, record?.photos.length ?? 1)} aria-label={t.progress} />
            <button type="button" onClick={() => indexer.cancel(target)}>
              {t.cancel}
            </button>
          </>
        ) : (
          <button type="button" disabled={state?.status === 'reading'} onClick={() => void indexer.index(target)}>
            {record && record.done < record.photos.length ? t.resume : t.indexPhotos}
          </button>
        )}
      </div>
      {state?.status === 'cancelled' && (
        <p className="empty" role="status">
          {t.cancelled}
        </p>
      )}
      {state?.status === 'error' && (
        <p className="problem" role="alert">
          {t.failed(sayFailure(state.message))}
        </p>
      )}
    </section>
  );
}

function ExampleList({
  record,
  channel,
  analysis,
}: {
  record: ExamplesRecord;
  channel: number;
  analysis: NetworkAnalysis;
}) {
  const t = useMessages(examplesText);
  const [, w, c] = record.shape;
  const examples = useMemo(
    () => new TopExamples(c, record.table.k, w, record.table).examples(channel),
    [record, channel, c, w],
  );
  const grids = useMemo(() => cellGrids(analysis), [analysis]);
  const urls = useObjectUrls(record.views);
  if (examples.length === 0) return <p className="empty">{t.none}</p>;
  const [inH, inW] = analysis.stages[0]?.input ?? analysis.network.input;
  return (
    <ol className="example-crops">
      {examples.map((e, rank) => {
        const name = record.photos[e.image]?.name ?? '';
        return (
          <li key={`${e.image}-${rank}`} data-image={e.image}>
            <ExampleCrop
              example={e}
              url={urls.get(e.image)}
              box={receptiveBox(analysis, grids, record.node, e.y, e.x)}
              input={[inH, inW]}
              label={t.crop(rank + 1, name, value(e.value), e.y, e.x)}
            />
            <span className="example-value">{value(e.value)}</span>
            <span className="example-name" title={`${name} · ${t.cell(e.y, e.x)}`}>
              {name}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * The box of the view, drawn by an SVG whose viewBox is the box (the viewport keeps its proportions, so nothing else
 * shows).
 */
function ExampleCrop({
  url,
  box,
  input,
  label,
}: {
  example: ChannelExample;
  url: string | undefined;
  box: { x: number; y: number; width: number; height: number };
  input: [number, number];
  label: string;
}) {
  const scale = CROP_SIZE / Math.max(box.width, box.height);
  return (
    <svg
      role="img"
      aria-label={label}
      className="example-crop"
      width={Math.round(box.width * scale)}
      height={Math.round(box.height * scale)}
      viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`}
    >
      {url && <image href={url} x={0} y={0} width={input[1]} height={input[0]} preserveAspectRatio="none" />}
    </svg>
  );
}

/** Object URLs of the kept views, revoked when they change or the list goes. */
function useObjectUrls(views: Record<number, Blob>): Map<number, string> {
  const urls = useMemo(
    () => new Map(Object.entries(views).map(([n, blob]) => [Number(n), URL.createObjectURL(blob)])),
    [views],
  );
  useEffect(() => () => urls.forEach((url) => URL.revokeObjectURL(url)), [urls]);
  return urls;
}
