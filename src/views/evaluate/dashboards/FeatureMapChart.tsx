/**
 * Draws the feature map's geometry (feature-map-geometry.ts): a frame, the axes through the mean, one mark per image.
 */
import type { FeatureMapGeometry, MapClass, MapMark } from './feature-map-geometry.ts';
import { ChartSvg } from '../../charts/ChartSvg.tsx';

const R = 4;

/** A circle or a square of a class's colour, outlined when misclassified. */
export function Marker({
  x,
  y,
  mark,
  title,
}: {
  x: number;
  y: number;
  mark: Pick<MapMark, 'colour' | 'shape'> & { wrong?: boolean; index?: number };
  title?: string;
}) {
  const className = `mark colour-${mark.colour}${mark.wrong ? ' wrong' : ''}`;
  const tooltip = title && <title>{title}</title>;
  return mark.shape === 'square' ? (
    <rect
      className={className}
      x={x - R + 0.5}
      y={y - R + 0.5}
      width={2 * R - 1}
      height={2 * R - 1}
      data-index={mark.index}
    >
      {tooltip}
    </rect>
  ) : (
    <circle className={className} cx={x} cy={y} r={R} data-index={mark.index}>
      {tooltip}
    </circle>
  );
}

/** A class's marker alone (the legend's swatch). */
export function Swatch({ of, wrong = false }: { of: Pick<MapClass, 'colour' | 'shape'>; wrong?: boolean }) {
  return (
    <svg className="swatch" width={12} height={12} viewBox="0 0 12 12" aria-hidden="true">
      <Marker x={6} y={6} mark={{ ...of, wrong }} />
    </svg>
  );
}

export interface FeatureMapChartProps {
  geometry: FeatureMapGeometry;
  /** Accessible name: what the map shows and how much of the variance its axes explain. */
  label: string;
  /** Each mark's tooltip (its image and classes), by image index. */
  titleOf?: (mark: MapMark) => string;
  /** The image whose mark is drawn highlighted, on top. */
  selected?: number;
  onSelect?: (index: number) => void;
}

export function FeatureMapChart({ geometry: g, label, titleOf, selected, onSelect }: FeatureMapChartProps) {
  const { plot } = g;
  const chosen = g.marks.find((m) => m.index === selected);
  return (
    <ChartSvg
      className="feature-map-chart"
      box={[g.width, g.height]}
      width={g.width}
      height={g.height}
      label={label}
      onClick={
        onSelect &&
        ((event) => {
          const index = (event.target as Element).closest('[data-index]')?.getAttribute('data-index');
          if (index) onSelect(Number(index));
        })
      }
    >
      <rect
        className="frame"
        x={plot.left}
        y={plot.top}
        width={plot.right - plot.left}
        height={plot.bottom - plot.top}
      />
      <g className="axes">
        <line x1={plot.left} x2={plot.right} y1={g.origin.y} y2={g.origin.y} />
        <line x1={g.origin.x} x2={g.origin.x} y1={plot.top} y2={plot.bottom} />
      </g>
      <g className="marks">
        {g.marks.map((m) => (
          <Marker key={m.index} x={m.x} y={m.y} mark={m} {...(titleOf ? { title: titleOf(m) } : {})} />
        ))}
      </g>
      {chosen && <circle className="selection" cx={chosen.x} cy={chosen.y} r={R + 4} />}
    </ChartSvg>
  );
}
