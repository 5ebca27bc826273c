/** One scene shape as a React SVG element: attributes as props, paint as inline style (CSS custom properties). */
import { createElement, type CSSProperties } from 'react';
import type { Shape } from './scene.ts';

/** "stroke-width" → "strokeWidth": React's names for SVG attributes and style properties. */
const camel = (name: string) =>
  name === 'class' ? 'className' : name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function camelKeys(values: Readonly<Record<string, string | number>>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(values)) out[camel(k)] = v;
  return out;
}

export function ShapeElement({ shape }: { shape: Shape }) {
  return createElement(
    shape.tag,
    { ...camelKeys(shape.attrs), style: camelKeys(shape.paint) as CSSProperties },
    shape.text,
  );
}
