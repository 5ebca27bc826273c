import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cifarArchive,
  cifarFiles,
  cifarFolder,
  pixelOf,
  removeCifarTemporaries,
  sameBytes,
  tempFile,
} from '../../../testing/cifar10-files.ts';
import { readCifar10 } from './cifar10.node.ts';
import { DataError } from './labelled-images.ts';

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  return (error as Error).message;
}

afterAll(removeCifarTemporaries);

describe('readCifar10 (a path)', () => {
  it('reads cifar-10-batches-bin/, the folder it was extracted in, and the archive, all alike', async () => {
    const folder = cifarFolder(cifarFiles({ recordsPerBatch: 3 }));
    const fromFolder = await readCifar10(folder);
    const fromParent = await readCifar10(dirname(folder));
    const fromArchive = await readCifar10(tempFile('cifar-10-binary.tar.gz', cifarArchive({ recordsPerBatch: 3 })));
    expect(fromFolder.train.count).toBe(15);
    expect(fromFolder.train.images[(4 * 1024 + 17) * 3]).toBe(pixelOf(1, 1, 0, 17));
    for (const other of [fromParent, fromArchive]) {
      expect(sameBytes(other.train.images, fromFolder.train.images)).toBe(true);
      expect(other.test.labels).toEqual(fromFolder.test.labels);
      expect(other.classes).toEqual(fromFolder.classes);
    }
  });

  it('says what to give for a missing path, a lone batch and a folder of the Python version', async () => {
    expect(await failure(readCifar10('/nonexistent/cifar'))).toBe(
      '/nonexistent/cifar: no such file; give cifar-10-binary.tar.gz or its extracted cifar-10-batches-bin/ folder',
    );
    const folder = cifarFolder(cifarFiles({ recordsPerBatch: 1 }));
    expect(await failure(readCifar10(join(folder, 'data_batch_1.bin')))).toMatch(
      /data_batch_1\.bin lacks data_batch_2\.bin, data_batch_3\.bin, data_batch_4\.bin, data_batch_5\.bin, /,
    );
    const python = join(dirname(folder), 'cifar-10-batches-py');
    mkdirSync(python);
    writeFileSync(join(python, 'data_batch_1'), 'pickle');
    expect(await failure(readCifar10(python))).toMatch(/is the Python version of CIFAR-10/);
  });

  it('names the missing batch of a folder', async () => {
    const folder = cifarFolder(cifarFiles({ recordsPerBatch: 1, omit: ['data_batch_2.bin'] }));
    expect(await failure(readCifar10(folder))).toMatch(new RegExp(`^${folder}/? lacks data_batch_2\\.bin: `));
  });
});
