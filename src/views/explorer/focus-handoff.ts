/**
 * Keyboard focus across a change of view. Moving between the network and a block (Enter on a box,
 * Escape, a breadcrumb, back/forward) replaces the whole explorer, and the element that had the focus
 * goes with it: the browser drops the focus on <body>, where arrows and Escape do nothing. So the
 * explorer being left records where it was, and whatever view replaces it in the same commit puts the
 * focus back: on the diagram (on the box the reader came from when going up, which the URL selects), on
 * the variant switch after Paper/Released, on the network's card when going up to the home page.
 */
import { useLayoutEffect, type RefObject } from 'react';

export interface Departure {
  network: string;
  variant: string;
  /** The block shown, '' for the network view. */
  block: string;
}

let departure: Departure | undefined;

/** Called as an explorer view goes away; the record lasts only until the commit replacing it is done. */
export function recordDeparture(from: Departure): void {
  departure = from;
  queueMicrotask(() => {
    if (departure === from) departure = undefined;
  });
}

/** The view just left, if the view now mounting replaces it, and only when the focus was lost with it. */
export function claimDeparture(): Departure | undefined {
  const from = departure;
  departure = undefined;
  const active = document.activeElement;
  const lost = !active || active === document.body || !active.isConnected;
  return lost ? from : undefined;
}

/** The first element of `root` matching `selector`, focused without scrolling the page; false if none. */
export function focusFirst(root: HTMLElement | null, selector: string): boolean {
  const target = root?.querySelector<HTMLElement | SVGElement>(selector);
  if (!target) return false;
  target.focus({ preventScroll: true });
  return true;
}

/** The diagram's tab stop: the selection, else the drawing's input. */
export const DIAGRAM_TAB_STOP = 'svg [data-address][tabindex="0"]';

/** Explorer views: hand the focus over on arrival, record the view on departure. */
export function useFocusHandoff(root: RefObject<HTMLElement | null>, here: Departure): void {
  const { network, variant, block } = here;
  useLayoutEffect(() => {
    const from = claimDeparture();
    // The same view mounted again (React's development double mount) is no change of view.
    const same = from && from.network === network && from.variant === variant && from.block === block;
    if (from && !same) {
      const variantOnly = from.network === network && from.block === block && from.variant !== variant;
      if (!(variantOnly && focusFirst(root.current, 'nav.variant-switch [aria-current="page"]'))) {
        focusFirst(root.current, DIAGRAM_TAB_STOP);
      }
    }
    return () => recordDeparture({ network, variant, block });
  }, [root, network, variant, block]);
}
