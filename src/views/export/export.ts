/**
 * Export of the current diagram as a standalone SVG file or a PNG image, in the browser only.
 * The PNG is the SVG rasterised at up to 2× on a canvas; a whole expanded network (e.g. 655 × 18,320
 * units) is scaled down just enough to stay within the largest canvas Chromium will allocate, so it is
 * never clipped.
 */

/** Chromium's canvas limits: 32,767 pixels a side and 2^28 pixels in all. */
export const MAX_CANVAS_SIDE = 32_767;
export const MAX_CANVAS_AREA = 268_435_456;

export interface PngSize {
  scale: number;
  width: number;
  height: number;
}

/** The rasterisation scale and pixel size of a `width` × `height` drawing: `preferred`, or less to fit a canvas. */
export function pngSize(width: number, height: number, preferred = 2): PngSize {
  if (!(width > 0 && height > 0)) throw new Error(`cannot export an empty diagram (${width} × ${height})`);
  // A little below the exact limit, so that rounding up never crosses it.
  const bySide = (MAX_CANVAS_SIDE - 1) / Math.max(width, height);
  const byArea = Math.sqrt((MAX_CANVAS_AREA * 0.98) / (width * height));
  const scale = Math.min(preferred, bySide, byArea);
  return { scale, width: Math.ceil(width * scale), height: Math.ceil(height * scale) };
}

/** "inception-resnet-v2-released-inception-resnet-b" → a safe file name with the extension. */
export function exportFileName(parts: readonly string[], extension: 'svg' | 'png'): string {
  const stem = parts
    .filter(Boolean)
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${stem || 'diagram'}.${extension}`;
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled (Chromium starts the download asynchronously).
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function svgBlob(svg: string): Blob {
  return new Blob([svg], { type: 'image/svg+xml;charset=utf-8' });
}

/** Rasterises a standalone SVG document whose explicit size is already `size` pixels. */
export async function svgToPng(svg: string, size: PngSize): Promise<Blob> {
  const url = URL.createObjectURL(svgBlob(svg));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode().catch(() => {
      throw new Error('the diagram could not be drawn as an image (the SVG did not decode)');
    });
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error(`no canvas of ${size.width} × ${size.height} pixels could be created`);
    context.drawImage(image, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error(`the ${size.width} × ${size.height} pixel image could not be encoded as PNG`);
    return blob;
  } finally {
    URL.revokeObjectURL(url);
  }
}
