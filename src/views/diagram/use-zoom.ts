/**
 * d3-zoom on the diagram's <svg>, owning only the transform: d3 turns wheel, drag and pinch gestures into
 * a `ZoomTransform`, React applies it to one <g>. Also: the viewport's size, zoom steps, moving to a
 * computed view (fit, landing, the minimap), and bringing a box into view (a short transition unless the
 * user prefers reduced motion). Where a view lands is computed in `landing.ts`.
 */
// d3-zoom imports d3-transition, which adds `selection.transition()`.
import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { fitAll, opening, type Transform, type Viewport } from './landing.ts';

export interface Extent {
  width: number;
  height: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Zoom {
  transform: ZoomTransform;
  /** The <svg>'s size on screen (0 × 0 until laid out). */
  viewport: Viewport;
  /** Move to `target` (a short transition unless `animate` is false or motion is reduced). */
  to: (target: Transform, animate?: boolean) => void;
  /** Multiply the scale by `factor` around the viewport's centre. */
  zoomBy: (factor: number) => void;
  /**
   * Pan (without zooming) so that `rect` (layout coordinates) is in view, if it is not already: centred
   * along each axis where it is out of view, the other left as it is.
   */
  reveal: (rect: Rect) => void;
  /** Pan at once so that layout point `point` lands on screen point `screen` (keeps a toggled block in place). */
  pin: (point: readonly [number, number], screen: readonly [number, number]) => void;
  /** Pan at once so that layout point `point` is in the middle of the viewport (the minimap). */
  centreOn: (point: readonly [number, number]) => void;
}

const MAX_SCALE = 4;

function viewportOf(svg: SVGSVGElement): Viewport {
  return { width: svg.clientWidth, height: svg.clientHeight };
}

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

const asZoom = (t: Transform) => zoomIdentity.translate(t.x, t.y).scale(t.k);

/**
 * `view` identifies what is drawn: when it changes (another block, network or variant) the drawing opens
 * anew (`opening`); when only the extent changes (blocks opened or rolled up in place) the diagram decides
 * where to land.
 */
export function useZoom(svgRef: RefObject<SVGSVGElement | null>, extent: Extent, enabled: boolean, view: string): Zoom {
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [size, setSize] = useState<Viewport>({ width: 0, height: 0 });
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const extentRef = useRef(extent);
  extentRef.current = extent;

  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg || !enabled) return undefined;
    const z = zoom<SVGSVGElement, unknown>()
      // The <svg> is sized by CSS and has no viewBox: its viewport is its client box.
      .extent(function extentOf(this: SVGSVGElement) {
        return [
          [0, 0],
          [Math.max(1, this.clientWidth), Math.max(1, this.clientHeight)],
        ];
      })
      .on('zoom', (event: { transform: ZoomTransform }) => setTransform(event.transform));
    // Double click opens a node; it does not zoom.
    const selection = select(svg).call(z).on('dblclick.zoom', null);
    behaviour.current = z;
    const measure = () =>
      setSize((old) => {
        const now = viewportOf(svg);
        return now.width === old.width && now.height === old.height ? old : now;
      });
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    observer?.observe(svg);
    return () => {
      observer?.disconnect();
      selection.on('.zoom', null);
      behaviour.current = null;
    };
  }, [svgRef, enabled]);

  // A new drawing opens fitted, or at its input at a readable scale when fitting would make it unreadable.
  useLayoutEffect(() => {
    const svg = svgRef.current;
    const z = behaviour.current;
    if (svg && z) select(svg).call(z.transform, asZoom(opening(extentRef.current, viewportOf(svg))));
  }, [svgRef, enabled, view]);

  // Zooming out stops where the whole drawing fits.
  useLayoutEffect(() => {
    const svg = svgRef.current;
    behaviour.current?.scaleExtent([Math.min(0.02, svg ? fitAll(extent, viewportOf(svg)).k : 1), MAX_SCALE]);
  }, [svgRef, enabled, extent, size]);

  const apply = useCallback(
    (change: (svg: SVGSVGElement, z: ZoomBehavior<SVGSVGElement, unknown>) => void) => {
      const svg = svgRef.current;
      const z = behaviour.current;
      if (svg && z) change(svg, z);
    },
    [svgRef],
  );

  const to = useCallback(
    (target: Transform, animate = true) =>
      apply((svg, z) => {
        if (!animate || reducedMotion()) select(svg).call(z.transform, asZoom(target));
        else select(svg).transition().duration(300).call(z.transform, asZoom(target));
      }),
    [apply],
  );

  const zoomBy = useCallback(
    (factor: number) =>
      apply((svg, z) => {
        if (reducedMotion()) select(svg).call(z.scaleBy, factor);
        else select(svg).transition().duration(200).call(z.scaleBy, factor);
      }),
    [apply],
  );

  const reveal = useCallback(
    (rect: Rect) =>
      apply((svg, z) => {
        const view = viewportOf(svg);
        if (view.width <= 0) return;
        const t = transformOf(svg);
        const [x0, y0] = t.apply([rect.x, rect.y]);
        const [x1, y1] = t.apply([rect.x + rect.width, rect.y + rect.height]);
        const margin = 24;
        const acrossInView = x0 >= margin && x1 <= view.width - margin;
        const downInView = y0 >= margin && y1 <= view.height - margin;
        if (acrossInView && downInView) return;
        const [centreX, centreY] = t.invert([view.width / 2, view.height / 2]);
        const cx = acrossInView ? centreX : rect.x + rect.width / 2;
        const cy = downInView ? centreY : rect.y + rect.height / 2;
        if (reducedMotion()) select(svg).call(z.translateTo, cx, cy);
        else select(svg).transition().duration(250).call(z.translateTo, cx, cy);
      }),
    [apply],
  );

  const pin = useCallback(
    (point: readonly [number, number], screen: readonly [number, number]) =>
      apply((svg, z) => {
        const k = transformOf(svg).k;
        select(svg).call(
          z.transform,
          zoomIdentity.translate(screen[0] - point[0] * k, screen[1] - point[1] * k).scale(k),
        );
      }),
    [apply],
  );

  const centreOn = useCallback(
    (point: readonly [number, number]) =>
      apply((svg, z) => {
        select(svg).interrupt().call(z.translateTo, point[0], point[1]);
      }),
    [apply],
  );

  return { transform, viewport: size, to, zoomBy, reveal, pin, centreOn };
}

/** The transform d3-zoom has stored on the element (current even mid-transition). */
export function transformOf(svg: SVGSVGElement): ZoomTransform {
  return (svg as unknown as { __zoom?: ZoomTransform }).__zoom ?? zoomIdentity;
}
