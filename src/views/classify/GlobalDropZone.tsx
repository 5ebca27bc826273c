/**
 * Files dragged anywhere over the app: an overlay invites the drop, and dropped files go to the classify
 * page (opening it if needed). Mounted once by the app shell. It imports no runtime code: the classify
 * page and TensorFlow.js load only once something is dropped.
 */
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { useMessages } from '../i18n/messages.ts';
import { shellText } from '../i18n/shell.ts';
import { CLASSIFY, EVALUATE, LEARN } from '../routes.ts';
import { deliverFiles } from './inbox.ts';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false; // i18n-ignore: a drag data type
}

export function GlobalDropZone() {
  const [location, navigate] = useLocation();
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    // The evaluate page and the lab take drops themselves (a folder of labelled images, a CIFAR-10 archive).
    if (location === EVALUATE || location === LEARN) return undefined;
    // dragenter/dragleave fire for every child element crossed: count them to know when the drag left.
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault(); // allows the drop
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault(); // keeps the browser from opening the file
      depth = 0;
      setDragging(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      deliverFiles(files);
      if (location !== CLASSIFY) navigate(CLASSIFY);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [location, navigate]);

  const t = useMessages(shellText);
  if (!dragging) return null;
  return (
    <div className="global-drop-zone" role="presentation" style={OVERLAY}>
      <p style={OVERLAY_TEXT}>
        {t.dropZone[0]}
        {/* i18n-ignore: a file extension */}
        <code>.safetensors</code>
        {t.dropZone[1]}
      </p>
    </div>
  );
}

// Inline: the shell mounts this before the classify page's stylesheet has loaded.
const OVERLAY = {
  position: 'fixed',
  inset: 0,
  zIndex: 1000,
  display: 'grid',
  placeItems: 'center',
  pointerEvents: 'none',
  background: 'color-mix(in srgb, var(--bg, #fff) 80%, transparent)',
  border: '4px dashed var(--accent, #1f5fbf)',
} as const;
const OVERLAY_TEXT = {
  fontSize: '1.3rem',
  padding: '1rem 1.5rem',
  background: 'var(--surface, #fff)',
  borderRadius: 8,
} as const;
