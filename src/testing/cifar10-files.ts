/**
 * CIFAR-10 files generated in the official binary format (CIFAR-10 itself cannot be fetched here): batches
 * of 3073-byte records, batches.meta.txt, the cifar-10-batches-bin/ folder and cifar-10-binary.tar.gz (a
 * ustar archive, gzipped), with ways to break each of them for the error tests.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const META_TEXT = 'airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n';
export const BATCH_NAMES = [
  'data_batch_1.bin',
  'data_batch_2.bin',
  'data_batch_3.bin',
  'data_batch_4.bin',
  'data_batch_5.bin',
  'test_batch.bin',
];

/** The label of record r of batch b (all ten classes in every batch). */
export const labelOf = (batch: number, record: number) => (record * 7 + batch * 3) % 10;

/** The byte of pixel p (0–1023) of channel c (0 R, 1 G, 2 B) of record r of batch b: varied, to catch mix-ups. */
export const pixelOf = (batch: number, record: number, c: number, p: number) =>
  (batch * 31 + record * 13 + c * 101 + p * 7) & 0xff;

/** A batch of `count` records in the binary version's layout: label, 1024 R, 1024 G, 1024 B. */
export function cifarBatch(batch: number, count: number): Uint8Array {
  const bytes = new Uint8Array(count * 3073);
  for (let r = 0; r < count; r++) {
    const at = r * 3073;
    bytes[at] = labelOf(batch, r);
    for (let c = 0; c < 3; c++) for (let p = 0; p < 1024; p++) bytes[at + 1 + c * 1024 + p] = pixelOf(batch, r, c, p);
  }
  return bytes;
}

export interface ArchiveEntry {
  name: string;
  data?: Uint8Array;
  /** '0' a file (default), '5' a folder, 'L' a GNU long name. */
  type?: string;
}

function field(header: Uint8Array, offset: number, length: number, value: string): void {
  header.set(new TextEncoder().encode(value).subarray(0, length), offset);
}

const octal = (value: number, digits: number) => value.toString(8).padStart(digits, '0');

/** One ustar header block. */
function tarHeader(name: string, size: number, type: string): Uint8Array {
  const header = new Uint8Array(512);
  field(header, 0, 100, name);
  field(header, 100, 8, '0000644\0');
  field(header, 108, 8, '0001750\0');
  field(header, 116, 8, '0001750\0');
  field(header, 124, 12, `${octal(size, 11)}\0`);
  field(header, 136, 12, `${octal(1_240_000_000, 11)}\0`);
  field(header, 148, 8, '        ');
  field(header, 156, 1, type);
  field(header, 257, 8, 'ustar\x0000');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(header, 148, 8, `${octal(sum, 6)}\0 `);
  return header;
}

/** A tar archive of the entries (each padded to 512 bytes), ended by two zero blocks. */
export function tarArchive(entries: readonly ArchiveEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    const data = entry.data ?? new Uint8Array(0);
    const padding = new Uint8Array((512 - (data.byteLength % 512)) % 512);
    blocks.push(tarHeader(entry.name, data.byteLength, entry.type ?? '0'), data, padding);
  }
  blocks.push(new Uint8Array(1024));
  return Buffer.concat(blocks);
}

export function gzip(bytes: Uint8Array, level = 6): Uint8Array {
  return gzipSync(bytes, { level });
}

export interface GeneratedCifar {
  /** Records in each of the six batches. */
  recordsPerBatch: number;
  /** Batch files left out. */
  omit?: readonly string[];
  /** Replaces a file's bytes (a truncated batch, a bad label). */
  replace?: Readonly<Record<string, Uint8Array>>;
  /** No batches.meta.txt. */
  noMeta?: boolean;
}

/** The files of cifar-10-batches-bin/, by name. */
export function cifarFiles(options: GeneratedCifar): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  if (!options.noMeta) files.set('batches.meta.txt', new TextEncoder().encode(META_TEXT));
  BATCH_NAMES.forEach((name, b) => {
    if (options.omit?.includes(name)) return;
    files.set(name, options.replace?.[name] ?? cifarBatch(b, options.recordsPerBatch));
  });
  const readme = '<meta HTTP-EQUIV="REFRESH" content="0; url=http://www.cs.toronto.edu/~kriz/cifar.html">';
  files.set('readme.html', new TextEncoder().encode(readme));
  return files;
}

/** cifar-10-binary.tar.gz as the official one is laid out: the folder, then its files. */
export function cifarArchive(options: GeneratedCifar, level = 6): Uint8Array {
  const entries: ArchiveEntry[] = [{ name: 'cifar-10-batches-bin/', type: '5' }];
  for (const [name, data] of cifarFiles(options)) entries.push({ name: `cifar-10-batches-bin/${name}`, data });
  return gzip(tarArchive(entries), level);
}

const made: string[] = [];

/** A new temporary folder, removed by `removeCifarTemporaries`. */
function temporary(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cifar10-'));
  made.push(dir);
  return dir;
}

/** Removes every folder `cifarFolder` and `tempFile` made (call it in afterAll). */
export function removeCifarTemporaries(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A temporary folder holding `files` under `cifar-10-batches-bin/`; returns that subfolder's path. */
export function cifarFolder(files: ReadonlyMap<string, Uint8Array>): string {
  const dir = join(temporary(), 'cifar-10-batches-bin');
  mkdirSync(dir);
  for (const [name, data] of files) writeFileSync(join(dir, name), data);
  return dir;
}

/** Writes bytes to a temporary file named `name`; returns its path. */
export function tempFile(name: string, bytes: Uint8Array): string {
  const path = join(temporary(), name);
  writeFileSync(path, bytes);
  return path;
}

/** Byte-for-byte equality of large arrays (Vitest's toEqual walks them element by element: seconds for 500 kB). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
