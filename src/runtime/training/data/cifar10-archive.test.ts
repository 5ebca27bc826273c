import { describe, expect, it } from 'vitest';
import {
  cifarArchive,
  cifarBatch,
  cifarFiles,
  gzip,
  labelOf,
  META_TEXT,
  pixelOf,
  sameBytes,
  tarArchive,
} from '../../../testing/cifar10-files.ts';
import { readCifar10Archive, readCifar10Files, type ReadProgress } from './cifar10-archive.ts';
import { CIFAR10_CLASSES } from './cifar10-format.ts';
import { DataError } from './labelled-images.ts';

const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  return (error as Error).message;
}

const readArchive = (bytes: Uint8Array, name = 'cifar-10-binary.tar.gz') => readCifar10Archive(blob(bytes), name);

/** The files of cifar-10-batches-bin/ as archive entries (for archives built differently from the official one). */
const entries = (recordsPerBatch: number) =>
  [...cifarFiles({ recordsPerBatch })].map(([name, data]) => ({ name: `cifar-10-batches-bin/${name}`, data }));

describe('readCifar10Archive', () => {
  it('reads the generated archive: classes, both splits, pixels, and the unusual record counts', async () => {
    const progress: ReadProgress[] = [];
    const bytes = cifarArchive({ recordsPerBatch: 3 });
    const onProgress = (p: ReadProgress) => progress.push(p);
    const data = await readCifar10Archive(blob(bytes), 'cifar-10-binary.tar.gz', { onProgress });
    expect(data.name).toBe('CIFAR-10');
    expect(data.classes).toEqual(CIFAR10_CLASSES);
    expect(data.train.count).toBe(15);
    expect(data.test.count).toBe(3);
    expect(data.train.labels[7]).toBe(labelOf(2, 1));
    expect(data.test.images[(2 * 1024 + 1000) * 3 + 2]).toBe(pixelOf(5, 2, 2, 1000));
    expect(data.warnings).toHaveLength(6);
    expect(progress.at(-1)).toEqual({ read: bytes.byteLength, total: bytes.byteLength });
  });

  it('gives the same images as the extracted files, from a Blob or from bytes', async () => {
    const archive = cifarArchive({ recordsPerBatch: 5 });
    const fromArchive = await readArchive(archive);
    const fromBytes = await readCifar10Archive(archive, 'downloaded');
    const files = [...cifarFiles({ recordsPerBatch: 5 })].map(([name, bytes]) => ({
      path: `cifar-10-batches-bin/${name}`,
      blob: blob(bytes),
    }));
    const fromFiles = await readCifar10Files(files, 'the dropped files');
    for (const other of [fromBytes, fromFiles]) {
      expect(sameBytes(other.train.images, fromArchive.train.images)).toBe(true);
      expect([...other.test.labels]).toEqual([...fromArchive.test.labels]);
    }
  });

  it('accepts the uncompressed .tar of the same files', async () => {
    expect((await readArchive(tarArchive(entries(2)), 'cifar-10-binary.tar')).train.count).toBe(10);
  });

  it('names the Python version and says which archive to use', async () => {
    const python = gzip(
      tarArchive([
        { name: 'cifar-10-batches-py/', type: '5' },
        { name: 'cifar-10-batches-py/data_batch_1', data: new Uint8Array(100) },
      ]),
    );
    expect(await failure(readArchive(python, 'cifar-10-python.tar.gz'))).toBe(
      'cifar-10-python.tar.gz is the Python version of CIFAR-10 (cifar-10-python.tar.gz, pickled batches), which ' +
        'this app does not read: use the CIFAR-10 binary version, cifar-10-binary.tar.gz ' +
        '(from https://www.cs.toronto.edu/~kriz/cifar.html), or its extracted cifar-10-batches-bin/ folder',
    );
  });

  it('names CIFAR-100, and says what an archive of something else holds', async () => {
    const c100 = gzip(tarArchive([{ name: 'cifar-100-binary/train.bin', data: new Uint8Array(3074) }]));
    expect(await failure(readArchive(c100, 'cifar-100-binary.tar.gz'))).toMatch(
      /^cifar-100-binary\.tar\.gz is CIFAR-100, not CIFAR-10/,
    );
    const other = gzip(tarArchive([{ name: 'photos/a.jpg', data: new Uint8Array(10) }]));
    expect(await failure(readArchive(other, 'photos.tar.gz'))).toMatch(
      /^photos\.tar\.gz holds none of CIFAR-10's batch files .* \(it holds photos\/a\.jpg\)$/,
    );
  });

  it('refuses what is not gzip, a ZIP, and gzip data that is not a tar', async () => {
    expect(await failure(readArchive(new TextEncoder().encode('<html>Not found</html>'), 'cifar.tar.gz'))).toMatch(
      /^cifar\.tar\.gz is not a gzip file \(it does not start with gzip's signature 1f 8b\), so it is not cifar-/,
    );
    expect(await failure(readArchive(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'cifar.zip'))).toMatch(
      /^cifar\.zip is a ZIP archive/,
    );
    expect(await failure(readArchive(gzip(new TextEncoder().encode('x'.repeat(2000))), 'x.gz'))).toMatch(
      /^x\.gz is gzip data but does not hold a tar archive \(its first block is not a tar header/,
    );
    expect(await failure(readArchive(new Uint8Array(0)))).toMatch(/is empty/);
  });

  it('says a cut download is incomplete: in the gzip data, or in the tar inside it', async () => {
    const bytes = cifarArchive({ recordsPerBatch: 40 }, 1);
    expect(await failure(readArchive(bytes.subarray(0, bytes.byteLength >> 1)))).toMatch(
      new RegExp(
        '^cifar-10-binary\\.tar\\.gz is incomplete or damaged: its gzip data could not be decompressed \\(.+\\)\\. ' +
          'Download cifar-10-binary\\.tar\\.gz again$',
      ),
    );
    expect(await failure(readArchive(gzip(tarArchive(entries(40)).subarray(0, 200_000))))).toMatch(
      new RegExp(
        '^cifar-10-binary\\.tar\\.gz is incomplete or damaged: the archive ends inside ' +
          'cifar-10-batches-bin/data_batch_2\\.bin, after \\d+ of its 122920 bytes',
      ),
    );
  });

  it('names the missing batch and the batch with a bad record', async () => {
    expect(await failure(readArchive(cifarArchive({ recordsPerBatch: 2, omit: ['data_batch_5.bin'] })))).toMatch(
      /^cifar-10-binary\.tar\.gz lacks data_batch_5\.bin: /,
    );
    const cut = cifarBatch(1, 3).subarray(0, 3073 * 2 + 100);
    expect(
      await failure(readArchive(cifarArchive({ recordsPerBatch: 3, replace: { 'data_batch_2.bin': cut } }))),
    ).toMatch(
      new RegExp(
        '^cifar-10-binary\\.tar\\.gz: cifar-10-batches-bin/data_batch_2\\.bin is 6246 bytes, not a ' +
          'whole number of 3073-byte records .*: record 3 stops after 100 of its 3073 bytes',
      ),
    );
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const archive = blob(cifarArchive({ recordsPerBatch: 2 }));
    const error = await readCifar10Archive(archive, 'a', { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('readCifar10Files', () => {
  const files = (names: string[], prefix = 'cifar-10-batches-bin/') => {
    const all = cifarFiles({ recordsPerBatch: 2 });
    return names.map((name) => ({ path: `${prefix}${name}`, blob: blob(all.get(name)!) }));
  };
  const everything = [
    'batches.meta.txt',
    'data_batch_1.bin',
    'data_batch_2.bin',
    'data_batch_3.bin',
    'data_batch_4.bin',
    'data_batch_5.bin',
    'test_batch.bin',
    'readme.html',
  ];

  it('reads the dropped folder, reporting progress over the batch files', async () => {
    const progress: ReadProgress[] = [];
    const onProgress = (p: ReadProgress) => progress.push(p);
    const data = await readCifar10Files(files(everything), 'the dropped files', { onProgress });
    expect(data.train.count).toBe(10);
    const total = 6 * 2 * 3073 + META_TEXT.length; // the six batches and batches.meta.txt, not readme.html
    expect(progress.at(-1)).toEqual({ read: total, total });
  });

  it('reads one dropped archive', async () => {
    const archive = { path: 'cifar-10-binary.tar.gz', blob: blob(cifarArchive({ recordsPerBatch: 1 })) };
    expect((await readCifar10Files([archive], 'x')).test.count).toBe(1);
  });

  it('says which batches are missing from a partial drop', async () => {
    expect(await failure(readCifar10Files(files(['data_batch_1.bin', 'test_batch.bin']), 'the dropped files'))).toMatch(
      /^the dropped files lacks data_batch_2\.bin, data_batch_3\.bin, data_batch_4\.bin, data_batch_5\.bin: /,
    );
  });

  it("refuses two copies of a batch, and the Python version's files", async () => {
    const twice = [...files(everything), ...files(['data_batch_3.bin'], 'copy/')];
    expect(await failure(readCifar10Files(twice, 'the dropped files'))).toBe(
      'the dropped files: two files named data_batch_3.bin (cifar-10-batches-bin/data_batch_3.bin and ' +
        'copy/data_batch_3.bin); give one cifar-10-batches-bin/ folder',
    );
    const python = [{ path: 'cifar-10-batches-py/data_batch_1', blob: blob(new Uint8Array(9)) }];
    expect(await failure(readCifar10Files(python, 'the dropped files'))).toMatch(/Python version/);
  });
});
