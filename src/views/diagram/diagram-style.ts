/**
 * The interactive diagram's stylesheet (its palette for both themes, focus rings, controls), added to
 * the document once. As a constructed stylesheet, not a <style> element: the app's Content-Security-Policy
 * (scripts/csp.ts) allows no inline style elements, and the CSSOM is not subject to it. Where constructed
 * stylesheets cannot be adopted (jsdom in the component tests), a <style> element is added instead.
 */
import { useInsertionEffect } from 'react';
import { paletteCss } from './palette.ts';

export const DIAGRAM_STYLE = `${paletteCss()}
.ie-diagram svg[data-detail="low"] [data-address] text,.ie-diagram svg[data-detail="low"] .ie-diagram-edge text{display:none;}
.ie-diagram-card{fill:var(--ie-diagram-block-fill);stroke:var(--ie-diagram-block-stroke);cursor:zoom-in;}
.ie-diagram-card-label{fill:var(--ie-diagram-text);pointer-events:none;}
.ie-diagram-card-label.outside{paint-order:stroke;stroke:var(--ie-diagram-background);stroke-linejoin:round;}
.ie-diagram-minimap{position:absolute;left:8px;bottom:8px;background:var(--ie-diagram-background);border:1px solid var(--ie-diagram-frame-stroke);border-radius:4px;cursor:crosshair;touch-action:none;}
.ie-diagram-minimap-frame{fill:var(--ie-diagram-frame-fill);stroke:var(--ie-diagram-frame-stroke);vector-effect:non-scaling-stroke;}
.ie-diagram-minimap-box{fill:var(--ie-diagram-block-stroke);opacity:.55;}
.ie-diagram-minimap-view{fill:var(--ie-diagram-focus);fill-opacity:.12;stroke:var(--ie-diagram-focus);stroke-width:1.5;}
.ie-diagram{position:relative;width:100%;height:100%;min-height:200px;background:var(--ie-diagram-background);}
.ie-diagram-canvas{display:block;width:100%;height:100%;touch-action:none;user-select:none;}
.ie-diagram [data-address]{cursor:pointer;outline:none;}
.ie-diagram .ie-diagram-focus{fill:none;stroke:var(--ie-diagram-focus);stroke-width:3;opacity:0;pointer-events:none;}
.ie-diagram [data-address]:focus-visible .ie-diagram-focus{opacity:1;}
.ie-diagram [data-address]:hover .ie-diagram-focus{opacity:.45;}
.ie-diagram-controls{position:absolute;right:8px;bottom:8px;display:flex;gap:4px;}
.ie-diagram-controls button{min-width:28px;height:28px;font:inherit;border-radius:4px;border:1px solid var(--ie-diagram-frame-stroke);background:var(--ie-diagram-frame-fill);color:var(--ie-diagram-text);cursor:pointer;}
.ie-diagram-controls button:focus-visible{outline:2px solid var(--ie-diagram-focus);outline-offset:1px;}`;

let added = false;

function addDiagramStyle(): void {
  if (added || typeof document === 'undefined') return;
  added = true;
  if ('adoptedStyleSheets' in document && typeof CSSStyleSheet !== 'undefined') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(DIAGRAM_STYLE);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } else {
    const element = document.createElement('style');
    element.textContent = DIAGRAM_STYLE;
    document.head.append(element);
  }
}

/** Makes sure the diagram's stylesheet is in the document before the diagram is laid out. */
export function useDiagramStyle(): void {
  useInsertionEffect(addDiagramStyle, []);
}
