/**
 * The files of a folder the user chose or dropped, with their paths inside it: from a directory picker
 * (`<input webkitdirectory>`: each File's webkitRelativePath), or from a drop (DataTransferItem entries,
 * walked recursively; `readEntries` returns at most 100 entries a call, so it is called until empty).
 * Nothing is read here but names: the images stay on the disk until the evaluation decodes them.
 */
import { evaluate as english, type EvaluateMessages } from '../i18n/en/evaluate.ts';

export interface FolderFile {
  /** Path inside the chosen folder, "/"-separated, the folder's own name first ("val/n01440764/x.JPEG"). */
  path: string;
  file: File;
}

/** Files of a directory picker's FileList (or any Files), by their relative path (else their name). */
export function filesFromList(files: Iterable<File>): FolderFile[] {
  return [...files].map((file) => ({ path: (file.webkitRelativePath || file.name).replace(/^\/+/, ''), file }));
}

/** The subset of the File System entries API a drop gives (kept small so tests can stand in for it). */
export interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
}
export interface FileEntryLike extends Entry {
  file(success: (file: File) => void, failure?: (error: DOMException) => void): void;
}
export interface DirectoryEntryLike extends Entry {
  createReader(): { readEntries(success: (entries: Entry[]) => void, failure?: (error: DOMException) => void): void };
}

function readAll(directory: DirectoryEntryLike): Promise<Entry[]> {
  const reader = directory.createReader();
  const all: Entry[] = [];
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) return resolve(all);
        all.push(...batch);
        next();
      }, reject);
    next();
  });
}

async function walk(entry: Entry, out: FolderFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileEntryLike).file(resolve, reject));
    out.push({ path: entry.fullPath.replace(/^\/+/, ''), file });
  } else if (entry.isDirectory) {
    for (const child of await readAll(entry as DirectoryEntryLike)) await walk(child, out);
  }
}

/** The files of dropped folders and files (a drop's DataTransfer), walking folders. */
export async function filesFromDrop(data: DataTransfer): Promise<FolderFile[]> {
  const entries = [...data.items]
    .filter((item) => item.kind === 'file')
    .map((item) => (typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null));
  if (entries.length === 0 || entries.some((e) => e === null)) return filesFromList(data.files);
  const out: FolderFile[] = [];
  for (const entry of entries) await walk(entry as unknown as Entry, out);
  return out;
}

/** The name of the chosen folder: the first path segment shared by all files, else "the chosen files". */
export function folderName(files: readonly FolderFile[], m: EvaluateMessages = english): string {
  const first = files[0]?.path.split('/')[0];
  return first && files.length > 0 && files.every((f) => f.path.startsWith(`${first}/`))
    ? first
    : m.dataset.chosenFiles;
}
