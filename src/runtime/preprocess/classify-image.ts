/**
 * A photo as the page hands it to the inference worker: a file's bytes (decoded there, EXIF orientation
 * applied) or a decoded ImageBitmap (a webcam frame), transferred rather than copied. Types only: the
 * worker's API (runtime/worker/protocol.ts) and looking inside (runtime/inside/protocol.ts) both take it.
 */
export type ClassifyImage =
  { kind: 'blob'; blob: Blob; name: string } | { kind: 'bitmap'; bitmap: ImageBitmap; name: string };
