/**
 * The feature maps of a selected node: its most active channels (by mean, maximum or fraction of zeros),
 * each on its own colour scale; one of them enlarged with the value under the pointer.
 */
import { useState, type PointerEvent, type ReactNode } from 'react';
import type { ChannelOrder, FeatureMap, NodeDetail } from '../../runtime/inside/protocol.ts';
import { mapUrl } from './raster.ts';
import { value } from '../format.ts';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';

/** The orders offered; their names are in the catalogues (`features.orders`). */
export const ORDERS: readonly ChannelOrder[] = ['mean', 'max', 'zeros'];
export const COUNTS = [16, 32, 64] as const;

export interface FeatureGridProps {
  detail: NodeDetail;
  order: ChannelOrder;
  count: number;
  onOrder: (order: ChannelOrder) => void;
  onCount: (count: number) => void;
  /** The channel shown in the box's thumbnail, and how to change it (undefined: the mean). */
  thumbnailChannel?: number;
  onThumbnailChannel: (channel: number | undefined) => void;
  /** More about the enlarged channel, shown under it (its examples among the kept photos). */
  aboutChannel?: (channel: number) => ReactNode;
}

export function FeatureGrid({
  detail,
  order,
  count,
  onOrder,
  onCount,
  thumbnailChannel,
  onThumbnailChannel,
  aboutChannel,
}: FeatureGridProps) {
  // The channel the box shows (a link's channel=) is the one enlarged until another is chosen.
  const [chosen, setChosen] = useState<number | undefined>(thumbnailChannel);
  const enlarged =
    detail.maps.find((m) => m.channel === chosen) ??
    detail.maps.find((m) => m.channel === thumbnailChannel) ??
    detail.maps[0];
  const t = useMessages(insideText).features;
  const stat = (c: number) => ({
    mean: detail.channels.mean[c],
    max: detail.channels.max[c],
    zeros: detail.channels.zeroFraction[c],
  });
  return (
    <div className="feature-grid">
      <div className="feature-controls">
        <label>
          {t.top}{' '}
          <select value={count} onChange={(e) => onCount(Number(e.currentTarget.value))}>
            {COUNTS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.channelsBy}{' '}
          <select value={order} onChange={(e) => onOrder(e.currentTarget.value as ChannelOrder)}>
            {ORDERS.map((o) => (
              <option key={o} value={o}>
                {t.orders[o]}
              </option>
            ))}
          </select>
        </label>
        <span className="empty">{t.of(detail.shape[2])}</span>
      </div>
      <ol className="feature-maps" aria-label={t.highest(detail.maps.length, t.orders[order])}>
        {detail.maps.map((m) => {
          const s = stat(m.channel!);
          return (
            <li key={m.channel}>
              <button
                type="button"
                aria-pressed={m.channel === enlarged?.channel}
                onClick={() => setChosen(m.channel)}
                title={t.channelTitle(m.channel!, value(s.mean), value(s.max), Math.round(s.zeros * 100))}
              >
                <img src={mapUrl(m)} alt={t.channelAlt(m.channel!)} width={40} height={40} />
              </button>
            </li>
          );
        })}
      </ol>
      {enlarged && (
        <EnlargedMap
          map={enlarged}
          stats={stat(enlarged.channel!)}
          inThumbnail={thumbnailChannel === enlarged.channel}
          onThumbnail={(on) => onThumbnailChannel(on ? enlarged.channel : undefined)}
        />
      )}
      {enlarged && aboutChannel?.(enlarged.channel!)}
    </div>
  );
}

function EnlargedMap({
  map,
  stats,
  inThumbnail,
  onThumbnail,
}: {
  map: FeatureMap;
  stats: { mean: number; max: number; zeros: number };
  inThumbnail: boolean;
  onThumbnail: (on: boolean) => void;
}) {
  const [at, setAt] = useState<{ x: number; y: number } | undefined>(undefined);
  const t = useMessages(insideText).features;
  const onMove = (event: PointerEvent<HTMLImageElement>) => {
    const r = event.currentTarget.getBoundingClientRect();
    const x = Math.min(map.width - 1, Math.max(0, Math.floor(((event.clientX - r.left) / r.width) * map.width)));
    const y = Math.min(map.height - 1, Math.max(0, Math.floor(((event.clientY - r.top) / r.height) * map.height)));
    setAt({ x, y });
  };
  return (
    <figure className="feature-enlarged">
      <img
        src={mapUrl(map)}
        alt={t.enlargedAlt(map.channel!, map.height, map.width)}
        onPointerMove={onMove}
        onPointerLeave={() => setAt(undefined)}
      />
      <figcaption>
        <output className="readout" aria-live="polite">
          {at
            ? t.at(map.channel!, at.y, at.x, value(map.data[at.y * map.width + at.x]))
            : t.summary(
                map.channel!,
                map.height,
                map.width,
                value(stats.mean),
                value(stats.max),
                Math.round(stats.zeros * 100),
              )}
        </output>
        <label>
          <input type="checkbox" checked={inThumbnail} onChange={(e) => onThumbnail(e.currentTarget.checked)} />
          {t.showInBox}
        </label>
      </figcaption>
    </figure>
  );
}
