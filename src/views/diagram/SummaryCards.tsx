/**
 * The rolled-up cards of semantic zoom (see `semantic-zoom.ts`), drawn over the diagram when it is zoomed
 * far out. A card is a pointer shortcut: clicking it zooms to its block. Keyboard and screen-reader users
 * reach the same boxes beneath through the diagram's own buttons, so the cards are hidden from them.
 */
import type { Box } from '../../layout/types.ts';
import type { Card } from './semantic-zoom.ts';

export function SummaryCards({
  cards,
  k,
  onZoomTo,
}: {
  cards: readonly Card[];
  k: number;
  onZoomTo: (box: Box) => void;
}) {
  if (cards.length === 0) return null;
  return (
    <g className="ie-diagram-summary" aria-hidden="true" data-testid="summary-cards">
      {cards.map(({ box, label }) => (
        <g
          key={box.address}
          data-card={box.address}
          onClick={(e) => {
            e.stopPropagation();
            onZoomTo(box);
          }}
        >
          <title>{box.label}</title>
          <rect
            x={box.x}
            y={box.y}
            width={box.width}
            height={box.height}
            rx={3 / k}
            strokeWidth={1.5 / k}
            className="ie-diagram-card"
          />
          {label && (
            <text
              x={label.x}
              y={label.y}
              fontSize={label.size}
              className={label.inside ? 'ie-diagram-card-label' : 'ie-diagram-card-label outside'}
              strokeWidth={3 / k}
            >
              {label.text}
            </text>
          )}
        </g>
      ))}
    </g>
  );
}
