/**
 * The frame and the grid every chart of the views draws with, so that each chart's file is its own marks:
 * the svg is one image to assistive technology, named by its label, of class "chart" plus the chart's own.
 */
import type { MouseEventHandler, ReactNode } from 'react';

export interface ChartSvgProps {
  /** The chart's own class, written after "chart" ("line-chart"), if any. */
  className?: string;
  /** The viewBox's width and height: the geometry's coordinates. */
  box: readonly [number, number];
  /** A number for a chart of fixed size, "100%" for one as wide as its container (the viewBox keeps its shape). */
  width: number | '100%';
  height?: number;
  /** What the chart shows, as a sentence: its accessible name. */
  label: string;
  onClick?: MouseEventHandler<SVGSVGElement>;
  children: ReactNode;
}

export function ChartSvg({ className, box: [w, h], width, height, label, onClick, children }: ChartSvgProps) {
  return (
    <svg
      className={className ? `chart ${className}` : 'chart'}
      viewBox={`0 0 ${w} ${h}`}
      width={width}
      height={height}
      role="img"
      aria-label={label}
      onClick={onClick}
    >
      {children}
    </svg>
  );
}

export interface GridLinesProps {
  /** Each line's key and its position: a y for horizontal lines, an x for vertical ones. */
  at: ReadonlyArray<readonly [key: string | number, position: number]>;
  /** Where the lines start and end: x for horizontal lines, y for vertical ones. */
  span: readonly [number, number];
  vertical?: boolean;
}

/** Grid lines across a plot, under its marks. */
export function GridLines({ at, span: [from, to], vertical = false }: GridLinesProps) {
  return (
    <g className="grid">
      {at.map(([key, p]) =>
        vertical ? (
          <line key={key} x1={p} x2={p} y1={from} y2={to} />
        ) : (
          <line key={key} x1={from} x2={to} y1={p} y2={p} />
        ),
      )}
    </g>
  );
}
