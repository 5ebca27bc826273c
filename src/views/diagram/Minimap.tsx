/**
 * An overview of the whole drawing in a corner, with the part on screen outlined; press or drag on it to
 * look elsewhere. Shown only when the drawing does not fit on screen. It is a pointer aid: the keyboard
 * moves with the arrows and "0", so the minimap stays out of the tab order and of the accessibility tree.
 */
import { memo, useCallback, useRef, type PointerEvent } from 'react';
import type { Layout } from '../../layout/types.ts';
import type { Transform, Viewport } from './landing.ts';

/** The largest the minimap may be, px, and as a share of the viewport (a phone's, above an open sheet, is short). */
const MAX = { width: 120, height: 180 };
const MAX_SHARE = 0.25;
const MIN_WIDTH = 28;

export interface MinimapProps {
  layout: Layout;
  transform: Transform;
  viewport: Viewport;
  /** Centre the view on this layout point. */
  onMoveTo: (point: readonly [number, number]) => void;
}

/** Scale of the minimap, and whether the drawing is already all on screen (then no minimap). */
export function minimapScale(
  layout: Pick<Layout, 'width' | 'height'>,
  t: Transform,
  view: Viewport,
): number | undefined {
  if (view.width <= 0 || view.height <= 0) return undefined;
  const whole =
    t.x >= -1 &&
    t.y >= -1 &&
    t.x + layout.width * t.k <= view.width + 1 &&
    t.y + layout.height * t.k <= view.height + 1;
  if (whole) return undefined;
  const width = Math.min(MAX.width, MAX_SHARE * view.width);
  const height = Math.min(MAX.height, MAX_SHARE * view.height);
  return Math.min(width / layout.width, height / layout.height);
}

export function Minimap({ layout, transform: t, viewport, onMoveTo }: MinimapProps) {
  const svg = useRef<SVGSVGElement>(null);
  const s = minimapScale(layout, t, viewport);
  // A tall, narrow drawing (a fully expanded network) is centred in a minimap wide enough to aim at.
  const width = s === undefined ? 0 : Math.max(MIN_WIDTH, Math.ceil(layout.width * s));
  const dx = s === undefined ? 0 : (width - layout.width * s) / 2;
  const move = useCallback(
    (event: PointerEvent<SVGSVGElement>) => {
      const box = svg.current?.getBoundingClientRect();
      if (!box || s === undefined) return;
      onMoveTo([(event.clientX - box.left - dx) / s, (event.clientY - box.top) / s]);
    },
    [onMoveTo, s, dx],
  );
  if (s === undefined) return null;
  // The viewport in layout coordinates, clipped to the drawing.
  const x0 = Math.max(0, -t.x / t.k);
  const y0 = Math.max(0, -t.y / t.k);
  const x1 = Math.min(layout.width, (viewport.width - t.x) / t.k);
  const y1 = Math.min(layout.height, (viewport.height - t.y) / t.k);
  return (
    <svg
      ref={svg}
      className="ie-diagram-minimap"
      aria-hidden="true"
      data-testid="minimap"
      width={width}
      height={Math.ceil(layout.height * s)}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture?.(e.pointerId);
        move(e);
      }}
      onPointerMove={(e) => {
        if (e.buttons & 1) move(e);
      }}
    >
      <g transform={`translate(${dx},0) scale(${s})`}>
        <MinimapBoxes layout={layout} />
        {x1 > x0 && y1 > y0 && (
          <rect
            className="ie-diagram-minimap-view"
            data-testid="minimap-view"
            x={x0}
            y={y0}
            width={x1 - x0}
            height={y1 - y0}
            vectorEffect="non-scaling-stroke"
          />
        )}
      </g>
    </svg>
  );
}

/** The drawing's outline: top-level blocks as blocks, the rest as specks; drawn once per layout. */
const MinimapBoxes = memo(function MinimapBoxes({ layout }: { layout: Layout }) {
  return (
    <>
      {layout.boxes
        .filter((b) => b.depth === 0 || !b.expanded)
        .map((b) => (
          <rect
            key={b.address}
            x={b.x}
            y={b.y}
            width={b.width}
            height={b.height}
            className={b.expanded ? 'ie-diagram-minimap-frame' : 'ie-diagram-minimap-box'}
          />
        ))}
    </>
  );
});
