/**
 * A photo as the page hands it to the inference worker: a file's bytes (decoded there, EXIF orientation
 * applied) or a decoded ImageBitmap (a webcam frame), transferred rather than copied. Types only: the
 * worker's API (runtime/worker/protocol.ts) and looking inside (runtime/inside/protocol.ts) both take it.
 */
/**
 * `slot`, when classifying: the photo library's slot of this photo (one slot, one photo): the worker keeps
 * what its look inside needs under it, so that "Look inside" right after (attachPhoto and lookInside of
 * that slot) decodes and runs nothing again.
 */
export type ClassifyImage =
  { kind: 'blob'; blob: Blob; name: string; slot?: string } | { kind: 'bitmap'; bitmap: ImageBitmap; name: string };
