/**
 * Files dropped anywhere on a page that takes them (the app's global drop zone leaves /evaluate and
 * /learn to their pages): listens on the window while `enabled`, says whether files are being dragged
 * over, and hands the dropped files (folders walked, each with its path) to `onFiles`.
 */
import { useEffect, useState } from 'react';
import { filesFromDrop, type FolderFile } from './folder-files.ts';

// i18n-ignore below: a drag data type.
const FILES = 'Files'; // i18n-ignore
const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes(FILES) ?? false;

export function useWindowDrop(enabled: boolean, onFiles: (files: FolderFile[]) => void): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    if (!enabled) return undefined;
    const onOver = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!carriesFiles(e) || !e.dataTransfer) return;
      e.preventDefault();
      setDragging(false);
      void filesFromDrop(e.dataTransfer).then(onFiles);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [enabled, onFiles]);
  return dragging;
}
