/** Test support for pages: a photo flipped left to right, made by the page's own canvas (a PNG). */
import type { Page } from '@playwright/test';

export async function mirroredPhoto(page: Page, photo: Buffer, mimeType: string): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ([data, type]) => {
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], { type }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.translate(bitmap.width, 0);
      context.scale(-1, 1);
      context.drawImage(bitmap, 0, 0);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      return btoa(text);
    },
    [photo.toString('base64'), mimeType] as const,
  );
  return Buffer.from(base64, 'base64');
}
