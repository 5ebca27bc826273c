/**
 * Every file under a folder, following symbolic links to files and to folders (a labelled set is often
 * assembled from links into another tree), each real folder visited once so a link cycle ends. Broken
 * links are left out. Paths are relative to the folder, with "/" separators, in sorted order.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

export async function listFilesFollowingLinks(root: string): Promise<string[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  async function visit(folder: string, prefix: string): Promise<void> {
    const real = await realpath(folder);
    if (seen.has(real)) return;
    seen.add(real);
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(folder, entry.name);
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(path).catch(() => undefined);
        isDirectory = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDirectory) await visit(path, relative);
      else if (isFile) files.push(relative);
    }
  }
  await visit(root, '');
  return files.sort();
}
