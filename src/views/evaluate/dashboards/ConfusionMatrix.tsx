/**
 * Draws a confusion matrix's geometry (confusion-grid.ts): shaded cells with their counts as titles, names where they
 * fit.
 */
import type { Confusion } from '../../../runtime/evaluation/confusion.ts';
import type { DashboardsMessages } from '../../i18n/en/dashboards.ts';
import type { ConfusionGeometry } from './confusion-grid.ts';
import { ChartSvg } from '../../charts/ChartSvg.tsx';

/** A name cut to what fits beside a row or over a column. */
const clip = (name: string, most: number) => (name.length > most ? `${name.slice(0, most - 1)}…` : name);

export function ConfusionMatrix({
  geometry: g,
  figures,
  nameOf,
  t,
}: {
  geometry: ConfusionGeometry;
  figures: Confusion;
  nameOf: (index: number) => string;
  t: DashboardsMessages['confusion'];
}) {
  const { classes } = figures;
  const columnName = (c: number) => (c === classes.length ? t.other : nameOf(classes[c]));
  const rowImages = (r: number) => figures.matrix![r].reduce((a, b) => a + b, 0) + figures.elsewhere![r];
  const size = classes.length * g.cell;
  return (
    <ChartSvg
      className="confusion-matrix"
      box={[g.width, g.height]}
      width={g.width}
      height={g.height}
      label={t.label(classes.length)}
    >
      <rect className="frame" x={g.left} y={g.top} width={(classes.length + 1) * g.cell} height={size} />
      {g.cells.map((c) => (
        <rect
          key={`${c.row}-${c.column}`}
          className={c.diagonal ? 'cell right' : 'cell wrong'}
          data-row={classes[c.row]}
          data-column={c.column === classes.length ? 'other' : classes[c.column]}
          data-count={c.count}
          x={c.x + 0.5}
          y={c.y + 0.5}
          width={g.cell - 1}
          height={g.cell - 1}
          fillOpacity={0.15 + 0.85 * c.share}
        >
          <title>
            {c.diagonal
              ? t.right(nameOf(classes[c.row]), c.count, rowImages(c.row))
              : t.cell(nameOf(classes[c.row]), columnName(c.column), c.count, rowImages(c.row))}
          </title>
        </rect>
      ))}
      <line
        className="other-rule"
        x1={g.left + classes.length * g.cell}
        x2={g.left + classes.length * g.cell}
        y1={g.top}
        y2={g.top + size}
      />
      {g.named &&
        classes.map((label, r) => (
          <text key={`r${label}`} x={g.left - 6} y={g.top + (r + 0.5) * g.cell} dy="0.35em" textAnchor="end">
            {clip(nameOf(label), 16)}
          </text>
        ))}
      {g.named &&
        [...classes.keys(), classes.length].map((c) => {
          const x = g.left + (c + 0.5) * g.cell;
          return (
            <text
              key={`c${c}`}
              className={c === classes.length ? 'muted' : undefined}
              x={x}
              y={g.top - 6}
              transform={`rotate(-55 ${x} ${g.top - 6})`}
            >
              {clip(columnName(c), 14)}
            </text>
          );
        })}
    </ChartSvg>
  );
}
