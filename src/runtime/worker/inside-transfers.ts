/** What an answer of the worker transfers rather than copies (each call's row in calls.ts says what). */

/** Each distinct buffer once (a transfer list must not repeat one), and the crops that are real bitmaps. */
export function transferables(arrays: readonly ArrayBufferView[], bitmaps: readonly unknown[] = []): Transferable[] {
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  const images = bitmaps.filter(
    (b): b is ImageBitmap => typeof ImageBitmap !== 'undefined' && b instanceof ImageBitmap,
  );
  return [...buffers, ...images];
}
