import { describe, expect, it } from 'vitest';
import { filesFromDrop, filesFromList, folderName, type Entry } from './folder-files.ts';

/** Stand-ins for the entries of a dropped folder, handing out directory entries in batches as Chromium does (≤ 100). */
function fileEntry(fullPath: string): Entry & { file: (ok: (f: File) => void) => void } {
  const name = fullPath.slice(fullPath.lastIndexOf('/') + 1);
  return { isFile: true, isDirectory: false, name, fullPath, file: (ok) => ok(new File([name], name)) };
}
function directoryEntry(
  fullPath: string,
  children: Entry[],
): Entry & { createReader: () => { readEntries: (ok: (e: Entry[]) => void) => void } } {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.slice(fullPath.lastIndexOf('/') + 1),
    fullPath,
    createReader: () => {
      let offset = 0;
      return {
        readEntries: (ok) => {
          const batch = children.slice(offset, offset + 100);
          offset += batch.length;
          ok(batch);
        },
      };
    },
  };
}

describe('files of a chosen or dropped folder', () => {
  it('keeps the relative paths of a directory picker', () => {
    const file = new File(['x'], 'a.JPEG');
    Object.defineProperty(file, 'webkitRelativePath', { value: 'val/n01440764/a.JPEG' });
    expect(filesFromList([file, new File(['y'], 'LOC_val_solution.csv')]).map((f) => f.path)).toEqual([
      'val/n01440764/a.JPEG',
      'LOC_val_solution.csv',
    ]);
  });

  it('walks a dropped folder, reading directories in batches until empty', async () => {
    const many = Array.from({ length: 250 }, (_, i) =>
      fileEntry(`/val/n01440764/ILSVRC2012_val_${String(i + 1).padStart(8, '0')}.JPEG`),
    );
    const root = directoryEntry('/val', [
      directoryEntry('/val/n01440764', many),
      fileEntry('/val/LOC_val_solution.csv'),
    ]);
    const data = { items: [{ kind: 'file', webkitGetAsEntry: () => root }], files: [] } as unknown as DataTransfer;
    const files = await filesFromDrop(data);
    expect(files).toHaveLength(251);
    expect(files[0].path).toBe('val/n01440764/ILSVRC2012_val_00000001.JPEG');
    expect(files.at(-1)!.path).toBe('val/LOC_val_solution.csv');
    expect(await files[0].file.text()).toBe('ILSVRC2012_val_00000001.JPEG');
    expect(folderName(files)).toBe('val');
  });

  it('takes plain dropped files by name when there are no entries', async () => {
    const data = {
      items: [{ kind: 'file', webkitGetAsEntry: () => null }],
      files: [new File(['x'], 'ILSVRC2012_val_00000001.JPEG')],
    } as unknown as DataTransfer;
    const files = await filesFromDrop(data);
    expect(files.map((f) => f.path)).toEqual(['ILSVRC2012_val_00000001.JPEG']);
    expect(folderName(files)).toBe('the chosen files');
  });
});
