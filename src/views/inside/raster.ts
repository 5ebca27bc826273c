/**
 * Feature maps and crops as image URLs for SVG <image> and <img>: drawn once into a small canvas and
 * encoded as PNG data URLs, cached per array (the same summary is drawn by many renders).
 */
import type { FeatureMap } from '../../runtime/inside/protocol.ts';
import { colourise, rangeOf, type ColourRange } from './colour.ts';

const mapUrls = new WeakMap<Float32Array, string>();
const bitmapUrls = new WeakMap<ImageBitmap, string>();

function canvas(width: number, height: number): CanvasRenderingContext2D | undefined {
  if (typeof document === 'undefined') return undefined;
  const element = document.createElement('canvas');
  element.width = width;
  element.height = height;
  return element.getContext('2d') ?? undefined;
}

/** A map coloured on its own range (or `range`), one image pixel per map cell. */
export function mapUrl(map: FeatureMap, range: ColourRange = rangeOf(map.data)): string | undefined {
  const cached = mapUrls.get(map.data);
  if (cached) return cached;
  const context = canvas(map.width, map.height);
  if (!context) return undefined;
  context.putImageData(new ImageData(colourise(map.data, range), map.width, map.height), 0, 0);
  const url = context.canvas.toDataURL('image/png');
  mapUrls.set(map.data, url);
  return url;
}

/** An ImageBitmap (the crop the network saw), scaled to `size` px square. */
export function bitmapUrl(bitmap: ImageBitmap, size = 96): string | undefined {
  const cached = bitmapUrls.get(bitmap);
  if (cached) return cached;
  const context = canvas(size, size);
  if (!context || bitmap.width === 0) return undefined;
  context.drawImage(bitmap, 0, 0, size, size);
  const url = context.canvas.toDataURL('image/png');
  bitmapUrls.set(bitmap, url);
  return url;
}
