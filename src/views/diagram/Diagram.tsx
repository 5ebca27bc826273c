/**
 * The interactive diagram: React renders the scene of a layout as SVG (React owns the DOM), d3-zoom owns
 * only the transform. Every box is a focusable button with an accessible name; one of them is in the tab
 * order (roving tabindex) and the arrow keys move along the graph (see `neighbour`).
 *
 * Keys: arrows move; Enter opens (or selects without `onOpen`); Space selects; "+" opens a rolled-up
 * block, "-" rolls up the block around the focus; Escape or Backspace goes up; "0" fits the drawing.
 */
import {
  Fragment,
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { enclosingFrame, neighbour, type Direction } from '../../layout/navigate.ts';
import type { Box, Layout } from '../../layout/types.ts';
import { FONT_FAMILY } from '../../layout/text.ts';
import { useDiagramStyle } from './diagram-style.ts';
import { CSS_PALETTE } from './palette.ts';
import type { DiagramProps } from './props.ts';
import { buildScene, type BoxScene, type Scene } from './scene.ts';
import { ShapeElement } from './ShapeElement.tsx';
import { fitBox, fitTarget, landing, type Transform } from './landing.ts';
import { Minimap } from './Minimap.tsx';
import { semanticDetail } from './semantic-zoom.ts';
import { explorerText } from '../i18n/explorer.ts';
import { useMessages } from '../i18n/messages.ts';
import { SummaryCards } from './SummaryCards.tsx';
import { transformOf, useZoom } from './use-zoom.ts';

const ARROWS: Readonly<Record<string, Direction>> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

/** The first stop of the tab order: the selection, else the drawing's input (the bottom-most box). */
function initialFocus(layout: Layout, selected: string | undefined): string | undefined {
  if (selected && layout.boxes.some((b) => b.address === selected)) return selected;
  let bottom: Box | undefined;
  for (const b of layout.boxes) if (!b.expanded && (!bottom || b.y > bottom.y)) bottom = b;
  return bottom?.address;
}

function groupOf(svg: SVGSVGElement | null, address: string): SVGGElement | undefined {
  const groups = svg?.querySelectorAll<SVGGElement>('[data-address]') ?? [];
  return Array.from(groups).find((g) => g.getAttribute('data-address') === address);
}

export function Diagram(props: DiagramProps) {
  const words = useMessages(explorerText).diagram;
  useDiagramStyle();
  const { layout, selected, highlighted, diff, diffAgainst, problems } = props;
  const { onSelect, onToggle, onOpen, onUp, ariaLabel, className, overlay } = props;
  const zoomable = props.zoomable ?? true;
  const svgRef = useRef<SVGSVGElement>(null);
  const extent = useMemo(() => ({ width: layout.width, height: layout.height }), [layout.width, layout.height]);
  const viewKey = `${layout.kind}|${layout.title}`;
  const zoom = useZoom(svgRef, extent, zoomable, viewKey);
  const boxWords = useMessages(explorerText).box;
  const scene = useMemo(
    () =>
      buildScene(
        layout,
        { selected, highlighted, diff, ...(diffAgainst ? { diffAgainst } : {}), problems },
        CSS_PALETTE,
        { interactive: true, words: boxWords },
      ),
    [layout, selected, highlighted, diff, diffAgainst, problems, boxWords],
  );
  const boxes = useMemo(() => new Map(layout.boxes.map((b) => [b.address, b])), [layout]);
  const [focusState, setFocus] = useState<string | undefined>(undefined);
  // The roving focus falls back when its box disappears (a block rolled up, another layout).
  const focus = focusState && boxes.has(focusState) ? focusState : initialFocus(layout, selected);

  // Keep the selection in view when it changes (search, inspector, URL), and when the viewport does (on a
  // phone the inspector's sheet opens below the diagram and takes its height from it).
  const { reveal } = zoom;
  const { width: viewWidth, height: viewHeight } = zoom.viewport;
  useEffect(() => {
    const box = selected ? boxes.get(selected) : undefined;
    if (box) reveal(box);
  }, [selected, boxes, reveal, viewWidth, viewHeight]);

  // Opening or rolling up a block in place keeps its bottom edge (where its input enters) where it was.
  // The box is redrawn as a frame (or back), so the keyboard focus is put back on it.
  const anchor = useRef<{ address: string; screen: [number, number]; focused: boolean } | null>(null);
  const toggle = useCallback(
    (address: string) => {
      const box = boxes.get(address);
      if (!box || !onToggle) return;
      const focused = svgRef.current?.contains(document.activeElement) ?? false;
      anchor.current = { address, screen: zoom.transform.apply([box.x + box.width / 2, box.y + box.height]), focused };
      onToggle(address);
    },
    [boxes, onToggle, zoom.transform],
  );
  // Anything else that changes the drawing in place (Expand all, Collapse all, a search opening blocks)
  // lands on what the reader was looking at (see `landing`).
  const { pin, to, viewport } = zoom;
  const previous = useRef<{ layout: Layout; view: string } | null>(null);
  useLayoutEffect(() => {
    const before = previous.current;
    previous.current = { layout, view: viewKey };
    const pinned = anchor.current;
    const box = pinned ? boxes.get(pinned.address) : undefined;
    if (!pinned || !box) {
      const svg = svgRef.current;
      if (!zoomable || !svg || !before || before.view !== viewKey || before.layout === layout) return;
      const target = landing(before.layout, layout, transformOf(svg), viewport, selected);
      if (target) to(target, false);
      return;
    }
    anchor.current = null;
    pin([box.x + box.width / 2, box.y + box.height], pinned.screen);
    if (pinned.focused) {
      setFocus(pinned.address);
      groupOf(svgRef.current, pinned.address)?.focus({ preventScroll: true });
    }
    // Runs again when the selection or the viewport change, but lands only on a change of drawing.
  }, [boxes, pin, layout, viewKey, zoomable, viewport, selected, to]);

  // Fit lands where the reader is looking: the whole drawing when readable, else the stage looked at first.
  // A second press while the first one's transition still runs counts from where that one is going.
  const lastFit = useRef<{ target: Transform; at: number } | null>(null);
  const fit = useCallback(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const recent = lastFit.current && performance.now() - lastFit.current.at < 400 ? lastFit.current.target : undefined;
    const target = fitTarget(layout, recent ?? transformOf(svg), viewport, selected);
    lastFit.current = { target, at: performance.now() };
    to(target);
  }, [layout, viewport, selected, to]);

  const moveTo = useCallback(
    (address: string) => {
      setFocus(address);
      const box = boxes.get(address);
      if (box) reveal(box);
      groupOf(svgRef.current, address)?.focus({ preventScroll: true });
    },
    [boxes, reveal],
  );

  const toggleAround = useCallback(
    (address: string, open: boolean) => {
      const box = boxes.get(address);
      if (!box) return;
      if (open && box.expandable && !box.expanded) toggle(address);
      if (!open) {
        const frame = box.expanded ? address : enclosingFrame(layout, address);
        if (frame) {
          toggle(frame);
          setFocus(frame);
        }
      }
    },
    [boxes, layout, toggle],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<SVGSVGElement>) => {
      const address = (event.target as Element).closest?.('[data-address]')?.getAttribute('data-address');
      const direction = ARROWS[event.key];
      let handled = true;
      if (direction && address) {
        const next = neighbour(layout, address, direction);
        if (next) moveTo(next);
      } else if (event.key === 'Enter' && address) {
        if (onOpen) onOpen(address);
        else onSelect?.(address);
      } else if (event.key === ' ' && address) {
        onSelect?.(address);
      } else if ((event.key === '+' || event.key === '=') && address) {
        toggleAround(address, true);
      } else if (event.key === '-' && address) {
        toggleAround(address, false);
      } else if (event.key === 'Escape' || event.key === 'Backspace') {
        onUp?.();
      } else if (event.key === '0') {
        fit();
      } else {
        handled = false;
      }
      if (handled) event.preventDefault();
    },
    [layout, moveTo, onOpen, onSelect, onUp, toggleAround, fit],
  );

  const onClick = useCallback(
    (event: MouseEvent<SVGSVGElement>) => {
      const target = event.target as Element;
      const group = target.closest?.('[data-address]');
      const address = group?.getAttribute('data-address');
      if (!address) return;
      setFocus(address);
      const box = boxes.get(address);
      // The disclosure glyph and an opened block's frame toggle; anything else selects.
      if (box?.expandable && (box.expanded || target.classList.contains('ie-diagram-disclosure'))) toggle(address);
      else onSelect?.(address);
    },
    [boxes, onSelect, toggle],
  );

  const onDoubleClick = useCallback(
    (event: MouseEvent<SVGSVGElement>) => {
      const address = (event.target as Element).closest?.('[data-address]')?.getAttribute('data-address');
      const box = address ? boxes.get(address) : undefined;
      if (!box || !address) return;
      if (onOpen) onOpen(address);
      else if (box.expandable && !box.expanded) toggle(address);
    },
    [boxes, onOpen, toggle],
  );

  const t = zoom.transform;
  // Semantic zoom, recomputed per step of about 4 % in scale rather than per frame of a gesture.
  const k = 2 ** (Math.round(Math.log2(t.k) * 16) / 16);
  const detail = useMemo(() => (zoomable ? semanticDetail(layout, k) : undefined), [zoomable, layout, k]);
  const zoomTo = useCallback((box: Box) => to(fitBox(box, viewport)), [to, viewport]);
  return (
    <div className={['ie-diagram', className].filter(Boolean).join(' ')}>
      <svg
        ref={svgRef}
        className="ie-diagram-canvas"
        role="group"
        aria-label={ariaLabel}
        aria-roledescription={words.roleDescription}
        data-detail={detail && !detail.text ? 'low' : 'full'}
        // The layout measured its text in this font: a page-wide font rule must not override it.
        style={{ fontFamily: FONT_FAMILY }}
        {...(zoomable ? {} : { viewBox: `0 0 ${layout.width} ${layout.height}` })}
        onKeyDown={onKeyDown}
        onClick={onClick}
        onDoubleClick={onDoubleClick}
      >
        <g transform={zoomable ? `translate(${t.x},${t.y}) scale(${t.k})` : undefined}>
          <SceneContent scene={scene} focus={focus} overlay={overlay} />
          {detail && <SummaryCards cards={detail.cards} k={k} onZoomTo={zoomTo} />}
        </g>
      </svg>
      {zoomable && <Minimap layout={layout} transform={t} viewport={viewport} onMoveTo={zoom.centreOn} />}
      {zoomable && (
        <div className="ie-diagram-controls">
          <button type="button" aria-label={words.zoomIn} onClick={() => zoom.zoomBy(1.5)}>
            +
          </button>
          <button type="button" aria-label={words.zoomOut} onClick={() => zoom.zoomBy(1 / 1.5)}>
            −
          </button>
          <button type="button" aria-label={words.fitTitle} onClick={fit}>
            {words.fit}
          </button>
        </div>
      )}
    </div>
  );
}

/** Everything inside the zoomed <g>; memoised so that zooming re-renders only the transform. */
const SceneContent = memo(function SceneContent({
  scene,
  focus,
  overlay,
}: {
  scene: Scene;
  focus: string | undefined;
  overlay: ((box: Box) => ReactNode) | undefined;
}) {
  return (
    <>
      {scene.frames.map((s) => (
        <BoxGroup key={s.box.address} scene={s} focusable={s.box.address === focus} overlay={overlay} />
      ))}
      {scene.edges.map((e) => (
        <g key={e.edge.id} className="ie-diagram-edge" aria-hidden="true">
          {e.shapes.map((shape, i) => (
            <ShapeElement key={i} shape={shape} />
          ))}
        </g>
      ))}
      {scene.boxes.map((s) => (
        <BoxGroup key={s.box.address} scene={s} focusable={s.box.address === focus} overlay={overlay} />
      ))}
    </>
  );
});

function BoxGroup({
  scene,
  focusable,
  overlay,
}: {
  scene: BoxScene;
  focusable: boolean;
  overlay: ((box: Box) => ReactNode) | undefined;
}) {
  const { box } = scene;
  const gap = 4;
  return (
    <g
      data-address={box.address}
      role="button"
      tabIndex={focusable ? 0 : -1}
      aria-label={scene.ariaLabel}
      {...(box.expandable ? { 'aria-expanded': box.expanded === true } : {})}
      data-kind={box.kind}
      {...(scene.diff ? { 'data-diff': scene.diff } : {})}
      {...(scene.problem ? { 'data-problem': '' } : {})}
      {...(scene.selected ? { 'data-selected': '' } : {})}
      {...(scene.highlighted ? { 'data-highlighted': '' } : {})}
    >
      <title>{scene.tooltip}</title>
      {/* A space between the shapes: a box's label and sublabel read as two words ("Input 299×299×3"),
          as its accessible name has them, not run together (SVG draws no text outside <text>). */}
      {scene.shapes.map((shape, i) => (
        <Fragment key={i}>
          {i > 0 ? ' ' : null}
          <ShapeElement shape={shape} />
        </Fragment>
      ))}
      {overlay?.(box)}
      {box.expanded ? (
        <rect
          className="ie-diagram-focus"
          x={box.x - 1}
          y={box.y - 1}
          width={box.width + 2}
          height={box.height + 2}
          rx={7}
        />
      ) : (
        <rect
          className="ie-diagram-focus"
          x={box.x - gap}
          y={box.y - gap}
          width={box.width + 2 * gap}
          height={box.height + 2 * gap}
          rx={6}
        />
      )}
    </g>
  );
}
