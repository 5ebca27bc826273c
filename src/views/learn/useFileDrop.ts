/**
 * Files dropped anywhere on the lab (the app's global drop zone leaves /learn to it): the CIFAR-10 archive
 * (or its .bin batches) becomes the CIFAR-10 data, anything else a labelled folder, each File named by
 * its path in the folder (a File's relative path does not survive structured cloning into the worker).
 */
import { useEffect, useState } from 'react';
import { filesFromDrop, type FolderFile } from '../evaluate/folder-files.ts';
import type { ChosenFiles } from './race-data.ts';

// i18n-ignore below: a drag data type.
const FILES = 'Files'; // i18n-ignore
const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes(FILES) ?? false;

/** What dropped files are: the CIFAR-10 archive or batches, or a labelled folder. */
export function droppedData(files: readonly FolderFile[]): ChosenFiles | undefined {
  if (files.length === 0) return undefined;
  const cifar = files.every((f) => /\.(tar\.gz|tgz|tar|bin)$/i.test(f.file.name))
    || (files.length === 1 && /cifar/i.test(files[0].file.name));
  if (cifar) return { kind: 'cifar10-files', name: files[0].path.split('/')[0], files: files.map((f) => f.file) };
  return {
    kind: 'folder', name: files[0].path.split('/')[0],
    files: files.map((f) => new File([f.file], f.path, { type: f.file.type })),
  };
}

/** Listens for drops on the window while `enabled`; says whether files are being dragged over. */
export function useFileDrop(enabled: boolean, onFiles: (files: ChosenFiles) => void): boolean {
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
      void filesFromDrop(e.dataTransfer).then((files) => {
        const chosen = droppedData(files);
        if (chosen) onFiles(chosen);
      });
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
