/**
 * The diagram's colours, one set per theme. A standalone SVG gets the concrete colours; the interactive
 * diagram gets `var(--ie-diagram-…)` references, defined by `paletteCss` for both themes, so that the
 * page's theme switch recolours it without a re-render.
 */
import type { DiagramTheme } from './props.ts';

export interface Palette {
  background: string;
  text: string;
  muted: string;
  edge: string;
  convFill: string;
  convStroke: string;
  poolFill: string;
  poolStroke: string;
  classifierFill: string;
  classifierStroke: string;
  mergeFill: string;
  mergeStroke: string;
  addFill: string;
  addStroke: string;
  activationFill: string;
  activationStroke: string;
  blockFill: string;
  blockStroke: string;
  ioFill: string;
  ioStroke: string;
  frameFill: string;
  frameStroke: string;
  selected: string;
  highlight: string;
  focus: string;
  added: string;
  removed: string;
  changed: string;
  problem: string;
  problemText: string;
}

export const LIGHT: Palette = {
  background: '#ffffff',
  text: '#1d232b',
  muted: '#5b6570',
  edge: '#6b7480',
  convFill: '#e6effa',
  convStroke: '#3a6db0',
  poolFill: '#fcefdf',
  poolStroke: '#b8722a',
  classifierFill: '#ebf3e3',
  classifierStroke: '#55813a',
  mergeFill: '#ececec',
  mergeStroke: '#848b93',
  addFill: '#ffffff',
  addStroke: '#3b4148',
  activationFill: '#f3eaf7',
  activationStroke: '#87519f',
  blockFill: '#e8edf4',
  blockStroke: '#465670',
  ioFill: '#f4f4f4',
  ioStroke: '#737a82',
  frameFill: '#f7f9fc',
  frameStroke: '#b3bfcf',
  selected: '#d9480f',
  highlight: '#b38600',
  focus: '#1c7ed6',
  added: '#087f5b',
  removed: '#c92a2a',
  changed: '#7048e8',
  problem: '#c92a2a',
  problemText: '#ffffff',
};

export const DARK: Palette = {
  background: '#15191e',
  text: '#e3e8ee',
  muted: '#9aa5b1',
  edge: '#8a94a0',
  convFill: '#1d2e45',
  convStroke: '#6d9ee0',
  poolFill: '#3a2a17',
  poolStroke: '#e0a060',
  classifierFill: '#223122',
  classifierStroke: '#8cbf6a',
  mergeFill: '#2a2e33',
  mergeStroke: '#8e969f',
  addFill: '#15191e',
  addStroke: '#c9d1da',
  activationFill: '#32243a',
  activationStroke: '#c08ad8',
  blockFill: '#232c38',
  blockStroke: '#90a3bf',
  ioFill: '#23272c',
  ioStroke: '#9aa2ab',
  frameFill: '#1a1f26',
  frameStroke: '#3c4857',
  selected: '#ff8a4c',
  highlight: '#ffd43b',
  focus: '#74c0fc',
  added: '#38d9a9',
  removed: '#ff8787',
  changed: '#9775fa',
  problem: '#ff6b6b',
  problemText: '#15191e',
};

export const PALETTES: Readonly<Record<DiagramTheme, Palette>> = { light: LIGHT, dark: DARK };

const cssName = (role: string) => `--ie-diagram-${role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** `var(--ie-diagram-conv-fill)` etc.: the palette of the interactive diagram. */
export const CSS_PALETTE: Palette = Object.fromEntries(
  Object.keys(LIGHT).map((role) => [role, `var(${cssName(role)})`]),
) as unknown as Palette;

function declarations(palette: Palette): string {
  return Object.entries(palette)
    .map(([role, colour]) => `${cssName(role)}:${colour};`)
    .join('');
}

/**
 * The custom properties of both themes, scoped to `.ie-diagram`: light by default, dark under the
 * system's dark preference unless the page says `data-theme="light"` on <html>, and dark whenever it says
 * `data-theme="dark"`.
 */
export function paletteCss(): string {
  const dark = declarations(DARK);
  return [
    `.ie-diagram{${declarations(LIGHT)}}`,
    `@media (prefers-color-scheme: dark){:root:not([data-theme="light"]) .ie-diagram{${dark}}}`,
    `:root[data-theme="dark"] .ie-diagram{${dark}}`,
  ].join('\n');
}
