/**
 * CIFAR-10 from what the user has: cifar-10-binary.tar.gz (dropped, downloaded, or a file in the CLI), or
 * the files of its extracted cifar-10-batches-bin/ folder. The archive is read as a stream — gunzipped by
 * the platform's DecompressionStream (browsers and Node ≥ 18), untarred entry by entry — so that only the
 * compressed file, one raw batch and the images are in memory at once. Works on Blobs, which the browser
 * gives for dropped files and Node for files on disk (`fs.openAsBlob`): one code path for both.
 */
import {
  baseNameOf,
  Cifar10Collector,
  CIFAR10_ARCHIVE_NAME,
  CIFAR10_FOLDER_NAME,
  otherCifarVersion,
  USE_BINARY_VERSION,
  type Cifar10Data,
} from './cifar10-format.ts';
import { DataError } from './labelled-images.ts';
import { TarError, tarEntries } from './tar.ts';

export interface ReadProgress {
  /** Bytes of the archive (compressed) or of the files read so far. */
  read: number;
  total: number;
}

export interface ReadCifar10Options {
  onProgress?: (progress: ReadProgress) => void;
  signal?: AbortSignal;
}

/** A dropped or listed file: its path ("cifar-10-batches-bin/data_batch_1.bin" or just the name) and contents. */
export interface DataFile {
  path: string;
  blob: Blob;
}

type Container = 'gzip' | 'tar' | 'zip' | 'unknown';

function containerOf(head: Uint8Array): Container {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.byteLength >= 262 && new TextDecoder().decode(head.subarray(257, 262)) === 'ustar') return 'tar';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  return 'unknown';
}

/** Counts the bytes passing through (for progress), and stops when `signal` aborts. */
function counting(total: number, options: ReadCifar10Options): TransformStream<Uint8Array, Uint8Array> {
  let read = 0;
  return new TransformStream({
    transform(chunk, controller) {
      options.signal?.throwIfAborted();
      read += chunk.byteLength;
      options.onProgress?.({ read, total });
      controller.enqueue(chunk);
    },
  });
}

/** Bytes in memory (a download) as a stream of 1 MiB views, without copying them. */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.subarray(at, at + (1 << 20)));
      at += 1 << 20;
    },
  });
}

/**
 * Reads cifar-10-binary.tar.gz (an uncompressed .tar of the same files is accepted too). `name` names the
 * file in messages; the archive is a Blob (a dropped file, Node's `openAsBlob`) or bytes (a download).
 * Throws a DataError saying what the file is instead and what to use.
 */
export async function readCifar10Archive(
  archive: Blob | Uint8Array,
  name: string,
  options: ReadCifar10Options = {},
): Promise<Cifar10Data> {
  const size = archive instanceof Blob ? archive.size : archive.byteLength;
  const head =
    archive instanceof Blob ? new Uint8Array(await archive.slice(0, 512).arrayBuffer()) : archive.subarray(0, 512);
  const container = containerOf(head);
  if (size === 0) throw new DataError(`${name} is empty: download ${CIFAR10_ARCHIVE_NAME} again`);
  if (container === 'zip') {
    throw new DataError(`${name} is a ZIP archive, not ${CIFAR10_ARCHIVE_NAME}: ${USE_BINARY_VERSION}`);
  }
  if (container === 'unknown') {
    throw new DataError(
      `${name} is not a gzip file (it does not start with gzip's signature 1f 8b), so it is not ` +
        `${CIFAR10_ARCHIVE_NAME}: ${USE_BINARY_VERSION}`,
    );
  }
  let stream = (archive instanceof Blob ? archive.stream() : streamOf(archive)).pipeThrough(counting(size, options));
  if (container === 'gzip') {
    stream = stream.pipeThrough(new DecompressionStream('gzip') as TransformStream<Uint8Array, Uint8Array>);
  }

  const collector = new Cifar10Collector();
  const seen: string[] = [];
  try {
    for await (const entry of tarEntries(stream)) {
      options.signal?.throwIfAborted();
      if (seen.length < 8) seen.push(entry.name);
      const other = otherCifarVersion([entry.name], name);
      if (other) throw new DataError(other);
      if (entry.type === 'file' && Cifar10Collector.wants(entry.name)) {
        collector.add(entry.name, await entry.read(), `${name}: ${entry.name}`);
      }
    }
  } catch (error) {
    options.signal?.throwIfAborted();
    throw archiveError(error, name, container);
  }
  if (seen.length === 0) throw new DataError(`${name} is an empty archive: ${USE_BINARY_VERSION}`);
  try {
    return collector.finish(name);
  } catch (error) {
    // Nothing of CIFAR-10 in it: say what it holds instead.
    if (error instanceof DataError && /holds none/.test(error.message)) {
      throw new DataError(`${error.message} (it holds ${seen.join(', ')}${seen.length === 8 ? ', …' : ''})`);
    }
    throw error;
  }
}

/** The message for what went wrong inside the archive. */
function archiveError(error: unknown, name: string, container: Container): unknown {
  if (error instanceof DataError) return error;
  if (error instanceof TarError) {
    if (error.problem === 'not-tar') {
      return new DataError(
        `${name}${container === 'gzip' ? ' is gzip data but' : ''} does not hold a tar archive ` +
          `(${error.message}), so it is not ${CIFAR10_ARCHIVE_NAME}: ${USE_BINARY_VERSION}`,
      );
    }
    return new DataError(`${name} is incomplete or damaged: ${error.message}. Download ${CIFAR10_ARCHIVE_NAME} again`);
  }
  // The decompressor's own errors (Node: "unexpected end of file", browsers: "Compressed input was truncated").
  const detail = error instanceof Error ? error.message : String(error);
  return new DataError(
    `${name} is incomplete or damaged: its gzip data could not be decompressed (${detail}). ` +
      `Download ${CIFAR10_ARCHIVE_NAME} again`,
  );
}

const ARCHIVE_NAME = /\.(tar\.gz|tgz|tar|gz)$/i;

/**
 * CIFAR-10 from dropped or listed files: the batch files of cifar-10-batches-bin/ (other files are
 * ignored), or one archive. `where` names them in messages ("the dropped files", a folder's path).
 */
export async function readCifar10Files(
  files: readonly DataFile[],
  where: string,
  options: ReadCifar10Options = {},
): Promise<Cifar10Data> {
  const other = otherCifarVersion(
    files.map((f) => f.path),
    where,
  );
  if (other) throw new DataError(other);
  const wanted = files.filter((f) => Cifar10Collector.wants(f.path));
  if (wanted.length === 0) {
    const archives = files.filter((f) => ARCHIVE_NAME.test(f.path));
    if (archives.length === 1) return readCifar10Archive(archives[0].blob, archives[0].path, options);
    if (archives.length > 1) {
      throw new DataError(
        `${where}: ${archives.length} archives (${archives.map((a) => a.path).join(', ')}); ` +
          `give one, ${CIFAR10_ARCHIVE_NAME}`,
      );
    }
    if (files.length === 1) return readCifar10Archive(files[0].blob, files[0].path, options);
  }
  const byName = new Map<string, DataFile>();
  for (const file of wanted) {
    const name = baseNameOf(file.path);
    const twin = byName.get(name);
    if (twin) {
      throw new DataError(
        `${where}: two files named ${name} (${twin.path} and ${file.path}); ` +
          `give one ${CIFAR10_FOLDER_NAME}/ folder`,
      );
    }
    byName.set(name, file);
  }
  const collector = new Cifar10Collector();
  const total = wanted.reduce((sum, f) => sum + f.blob.size, 0);
  let read = 0;
  for (const file of wanted) {
    options.signal?.throwIfAborted();
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.blob.arrayBuffer());
    } catch (error) {
      throw new DataError(
        `${file.path} could not be read (${error instanceof Error ? error.message : String(error)}); ` +
          'give the files again',
      );
    }
    collector.add(file.path, bytes);
    read += file.blob.size;
    options.onProgress?.({ read, total });
  }
  return collector.finish(where);
}
