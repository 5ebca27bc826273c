import { useRef, type ReactNode } from 'react';
import { useElementWidth } from './useElementWidth.ts';

/** A captioned chart panel that draws its chart at the panel's width (at most `maxWidth`). */
export function ChartPanel({
  caption,
  note,
  maxWidth = 560,
  children,
}: {
  caption: string;
  note?: ReactNode;
  maxWidth?: number;
  children: (width: number) => ReactNode;
}) {
  const body = useRef<HTMLDivElement>(null);
  const width = Math.min(maxWidth, useElementWidth(body, maxWidth));
  return (
    <figure className="panel">
      <figcaption>{caption}</figcaption>
      <div ref={body}>{children(width)}</div>
      {note && <p className="note">{note}</p>}
    </figure>
  );
}
