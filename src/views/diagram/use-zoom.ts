/**
 * d3-zoom on the diagram's <svg>, owning only the transform: d3 turns wheel, drag and pinch gestures into
 * a `ZoomTransform`, React applies it to one <g>. Also: zoom to fit, zoom steps, and bringing a box into
 * view (a short transition unless the user prefers reduced motion).
 */
// d3-zoom imports d3-transition, which adds `selection.transition()`.
import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

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
  /** The whole drawing in view. */
  fit: () => void;
  /** Multiply the scale by `factor` around the viewport's centre. */
  zoomBy: (factor: number) => void;
  /** Pan (without zooming) so that `rect` (layout coordinates) is in view, if it is not already. */
  reveal: (rect: Rect) => void;
  /** Pan at once so that layout point `point` lands on screen point `screen` (keeps a toggled block in place). */
  pin: (point: readonly [number, number], screen: readonly [number, number]) => void;
}

/** Below this scale the text is unreadable: a tall network then opens fitted to its width, at its input. */
const READABLE_SCALE = 0.3;
/** Fitting never enlarges a small block beyond this (labels would look oversized). */
const MAX_FIT_SCALE = 1.5;
const MAX_SCALE = 4;

function viewport(svg: SVGSVGElement): Extent {
  return { width: svg.clientWidth, height: svg.clientHeight };
}

function fitting(view: Extent, extent: Extent): ZoomTransform {
  if (view.width <= 0 || view.height <= 0) return zoomIdentity;
  const k = Math.min(view.width / extent.width, view.height / extent.height, MAX_FIT_SCALE);
  return zoomIdentity.translate((view.width - extent.width * k) / 2, (view.height - extent.height * k) / 2).scale(k);
}

/** The first view: all of it when readable, else the bottom (the input) at the width's scale. */
function opening(view: Extent, extent: Extent): ZoomTransform {
  const fit = fitting(view, extent);
  if (fit.k >= READABLE_SCALE || view.width <= 0) return fit;
  const k = Math.min(1, view.width / extent.width);
  return zoomIdentity.translate((view.width - extent.width * k) / 2, view.height - extent.height * k).scale(k);
}

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * `view` identifies what is drawn: when it changes (another block, network or variant) the drawing is
 * fitted anew; when only the extent changes (a block opened or rolled up in place) the view stays.
 */
export function useZoom(svgRef: RefObject<SVGSVGElement | null>, extent: Extent, enabled: boolean, view: string): Zoom {
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const extentRef = useRef(extent);
  extentRef.current = extent;

  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg || !enabled) return undefined;
    const z = zoom<SVGSVGElement, unknown>()
      // The <svg> is sized by CSS and has no viewBox: its viewport is its client box.
      .extent(function extentOf(this: SVGSVGElement) {
        return [[0, 0], [Math.max(1, this.clientWidth), Math.max(1, this.clientHeight)]];
      })
      .on('zoom', (event: { transform: ZoomTransform }) => setTransform(event.transform));
    // Double click opens a node; it does not zoom.
    const selection = select(svg).call(z).on('dblclick.zoom', null);
    behaviour.current = z;
    return () => {
      selection.on('.zoom', null);
      behaviour.current = null;
    };
  }, [svgRef, enabled]);

  // A new drawing opens fitted (or at its input, when fitting would make it unreadable).
  useLayoutEffect(() => {
    const svg = svgRef.current;
    const z = behaviour.current;
    if (svg && z) select(svg).call(z.transform, opening(viewport(svg), extentRef.current));
  }, [svgRef, enabled, view]);

  // Zooming out stops where the whole drawing fits.
  useLayoutEffect(() => {
    const svg = svgRef.current;
    behaviour.current?.scaleExtent([Math.min(0.02, svg ? fitting(viewport(svg), extent).k : 1), MAX_SCALE]);
  }, [svgRef, enabled, extent]);

  const apply = useCallback((change: (svg: SVGSVGElement, z: ZoomBehavior<SVGSVGElement, unknown>) => void) => {
    const svg = svgRef.current;
    const z = behaviour.current;
    if (svg && z) change(svg, z);
  }, [svgRef]);

  const fit = useCallback(() => apply((svg, z) => {
    const target = fitting(viewport(svg), extent);
    if (reducedMotion()) select(svg).call(z.transform, target);
    else select(svg).transition().duration(300).call(z.transform, target);
  }), [apply, extent]);

  const zoomBy = useCallback((factor: number) => apply((svg, z) => {
    if (reducedMotion()) select(svg).call(z.scaleBy, factor);
    else select(svg).transition().duration(200).call(z.scaleBy, factor);
  }), [apply]);

  const reveal = useCallback((rect: Rect) => apply((svg, z) => {
    const view = viewport(svg);
    if (view.width <= 0) return;
    const t = transformOf(svg);
    const [x0, y0] = t.apply([rect.x, rect.y]);
    const [x1, y1] = t.apply([rect.x + rect.width, rect.y + rect.height]);
    const margin = 24;
    if (x0 >= margin && y0 >= margin && x1 <= view.width - margin && y1 <= view.height - margin) return;
    const cx = rect.x + rect.width / 2;
    const cy = rect.y + rect.height / 2;
    if (reducedMotion()) select(svg).call(z.translateTo, cx, cy);
    else select(svg).transition().duration(250).call(z.translateTo, cx, cy);
  }), [apply]);

  const pin = useCallback((point: readonly [number, number], screen: readonly [number, number]) => apply((svg, z) => {
    const k = transformOf(svg).k;
    select(svg).call(z.transform, zoomIdentity.translate(screen[0] - point[0] * k, screen[1] - point[1] * k).scale(k));
  }), [apply]);

  return { transform, fit, zoomBy, reveal, pin };
}

/** The transform d3-zoom has stored on the element (current even mid-transition). */
function transformOf(svg: SVGSVGElement): ZoomTransform {
  return (svg as unknown as { __zoom?: ZoomTransform }).__zoom ?? zoomIdentity;
}
