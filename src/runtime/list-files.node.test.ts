import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFilesFollowingLinks } from './list-files.node.ts';

const dir = mkdtempSync(join(tmpdir(), 'list-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('listFilesFollowingLinks', () => {
  it('follows links to images and to class folders, survives a cycle, skips broken links (issue 16, item 9)', async () => {
    const store = join(dir, 'store');
    mkdirSync(join(store, 'cats'), { recursive: true });
    writeFileSync(join(store, 'cats', 'a.jpg'), 'a');
    writeFileSync(join(store, 'b.jpg'), 'b');
    const set = join(dir, 'set');
    mkdirSync(join(set, 'n02123045'), { recursive: true });
    writeFileSync(join(set, 'n02123045', 'own.jpg'), 'own');
    symlinkSync(join(store, 'b.jpg'), join(set, 'n02123045', 'linked.jpg'));
    symlinkSync(join(store, 'cats'), join(set, 'n02124075'));
    symlinkSync(set, join(set, 'n02123045', 'loop'));
    symlinkSync(join(dir, 'missing.jpg'), join(set, 'n02123045', 'broken.jpg'));
    expect(await listFilesFollowingLinks(set)).toEqual([
      'n02123045/linked.jpg',
      'n02123045/own.jpg',
      'n02124075/a.jpg',
    ]);
  });
});
