import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The content width of an element, following its resizes, so that a chart is drawn at the width it is
 * shown at (a chart drawn at 560 px and scaled down to a phone's 330 px would have 7 px text).
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const measure = () => {
      const w = Math.floor(element.clientWidth);
      if (w > 0) setWidth(w);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
