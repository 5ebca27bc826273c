/**
 * Hands files dropped anywhere in the app (GlobalDropZone, part of the shell) to the classify page,
 * which may not be mounted yet: files wait here until it subscribes. No runtime code is imported, so
 * the shell stays free of TensorFlow.js.
 */
type Receiver = (files: File[]) => void;

let pending: File[] = [];
let receiver: Receiver | undefined;

export function deliverFiles(files: readonly File[]): void {
  if (files.length === 0) return;
  if (receiver) receiver([...files]);
  else pending.push(...files);
}

/** Receives pending files now and later ones as they come; returns the unsubscribe function. */
export function receiveFiles(next: Receiver): () => void {
  receiver = next;
  if (pending.length > 0) {
    const files = pending;
    pending = [];
    next(files);
  }
  return () => {
    if (receiver === next) receiver = undefined;
  };
}
