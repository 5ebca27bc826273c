/**
 * Interim: uses `<Diagram>` from src/views/diagram/ once it is in the tree, and until then a static
 * rendering of the same layout, so that the shared tree keeps building while the diagram lands.
 */
import type { ComponentType } from 'react';
import type { DiagramProps } from '../diagram/props.ts';
import { renderDiagramSvg } from '../diagram/render-svg.ts';

const found = import.meta.glob<{ Diagram: ComponentType<DiagramProps> }>('../diagram/Diagram.tsx', { eager: true });
const Interactive = found['../diagram/Diagram.tsx']?.Diagram;

export function Diagram(props: DiagramProps) {
  if (Interactive) return <Interactive {...props} />;
  const { layout, ariaLabel, selected, highlighted, diff, problems } = props;
  const svg = renderDiagramSvg(layout, {
    ...(selected ? { selected } : {}), ...(highlighted ? { highlighted } : {}), ...(diff ? { diff } : {}), ...(problems ? { problems } : {}),
  });
  return <div role="img" aria-label={ariaLabel} style={{ overflow: 'auto' }} dangerouslySetInnerHTML={{ __html: svg }} />;
}
