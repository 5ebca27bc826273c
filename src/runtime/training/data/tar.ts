/**
 * A streaming reader of tar archives (POSIX ustar, GNU tar's long names, pax path records): entries come
 * one at a time from a ReadableStream, and only those the caller reads are held in memory. Enough for
 * dataset archives (regular files and folders); links and devices are listed as "other" and skipped.
 *
 * Written by hand (≈150 lines) rather than taken from npm: the maintained readers either need Node's
 * streams and Buffer (tar, tar-stream: polyfills in the browser) or parse a whole archive held in memory
 * (nanotar, @gera2ld/tarjs), which for CIFAR-10 would hold its 184 MB of decompressed tar besides the
 * compressed copy and the images. This one reads the gunzipped stream as it arrives, in the browser and
 * in Node alike.
 */

export type TarEntryType = 'file' | 'directory' | 'other';

export interface TarEntry {
  /** The path inside the archive, "/"-separated ("cifar-10-batches-bin/data_batch_1.bin"). */
  name: string;
  size: number;
  type: TarEntryType;
  /** The entry's bytes; call it before asking for the next entry (unread entries are skipped). */
  read(): Promise<Uint8Array<ArrayBuffer>>;
}

export type TarProblem = 'not-tar' | 'truncated' | 'damaged';

/** The archive's format is wrong; the caller words the message for the user (it knows the file's name). */
export class TarError extends Error {
  override readonly name = 'TarError';
  constructor(
    readonly problem: TarProblem,
    message: string,
  ) {
    super(message);
  }
}

const BLOCK = 512;

/** Pulls exact byte counts out of a stream of chunks of any size. */
class ByteReader {
  private chunk: Uint8Array = new Uint8Array(0);
  private at = 0;
  /** Bytes consumed so far. */
  position = 0;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** Copies up to `length` bytes into `target`, or skips them when `target` is undefined; returns how many. */
  async take(length: number, target?: Uint8Array): Promise<number> {
    let done = 0;
    while (done < length) {
      if (this.at >= this.chunk.byteLength) {
        const next = await this.reader.read();
        if (next.done) break;
        this.chunk = next.value;
        this.at = 0;
        continue;
      }
      const n = Math.min(length - done, this.chunk.byteLength - this.at);
      target?.set(this.chunk.subarray(this.at, this.at + n), done);
      this.at += n;
      done += n;
    }
    this.position += done;
    return done;
  }
}

function text(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
}

/** A numeric header field: octal text, or base-256 when the high bit of the first byte is set (GNU, large files). */
function number(field: Uint8Array): number {
  if (field[0] & 0x80) {
    let value = field[0] & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i];
    return value;
  }
  const digits = text(field).trim();
  return digits === '' ? 0 : /^[0-7]+$/.test(digits) ? parseInt(digits, 8) : NaN;
}

/** Whether the header's checksum (the sum of its bytes, the checksum field counted as spaces) is right. */
function checksumMatches(header: Uint8Array): boolean {
  const stored = number(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return stored === sum;
}

/** The values of a pax extended header ("<length> key=value\n" records) that matter here. */
function paxPath(bytes: Uint8Array): string | undefined {
  const records = new TextDecoder().decode(bytes);
  let at = 0;
  let path: string | undefined;
  while (at < records.length) {
    const space = records.indexOf(' ', at);
    const length = Number(records.slice(at, space));
    if (space < 0 || !Number.isInteger(length) || length <= 0) break;
    const record = records.slice(space + 1, at + length - 1);
    if (record.startsWith('path=')) path = record.slice(5);
    at += length;
  }
  return path;
}

/**
 * The entries of a tar stream, in archive order. Breaking out of the loop cancels the stream. Throws a
 * TarError: 'not-tar' when the first block is not a tar header, 'truncated' when the stream ends inside an
 * entry, 'damaged' for a bad header further on.
 */
export async function* tarEntries(stream: ReadableStream<Uint8Array>): AsyncGenerator<TarEntry> {
  const reader = stream.getReader();
  const bytes = new ByteReader(reader);
  let finished = false;
  try {
    let longName: string | undefined;
    for (let index = 0; ; index++) {
      const header = new Uint8Array(BLOCK);
      const got = await bytes.take(BLOCK, header);
      if (got === 0 && index > 0) break; // no end-of-archive blocks: accepted, as GNU tar does (with a warning)
      if (got < BLOCK) {
        throw index === 0
          ? new TarError('not-tar', `${got} bytes, less than one tar header (${BLOCK} bytes)`)
          : new TarError('truncated', `the archive ends inside a header, at byte ${bytes.position}`);
      }
      if (header.every((b) => b === 0)) break; // the end-of-archive block
      if (!checksumMatches(header)) {
        throw index === 0
          ? new TarError('not-tar', 'its first block is not a tar header (the checksum does not match)')
          : new TarError(
              'damaged',
              `the tar header at byte ${bytes.position - BLOCK} is damaged (its checksum does not match)`,
            );
      }
      const size = number(header.subarray(124, 136));
      if (!Number.isSafeInteger(size) || size < 0) {
        throw new TarError('damaged', `the tar header at byte ${bytes.position - BLOCK} has no valid size`);
      }
      const flag = String.fromCharCode(header[156]);
      const magic = text(header.subarray(257, 263));
      const prefix = magic === 'ustar' ? text(header.subarray(345, 500)) : '';
      let name = longName ?? (prefix ? `${prefix}/${text(header.subarray(0, 100))}` : text(header.subarray(0, 100)));
      longName = undefined;
      const padding = (BLOCK - (size % BLOCK)) % BLOCK;

      let read = false;
      const readData = async (): Promise<Uint8Array<ArrayBuffer>> => {
        if (read) throw new Error(`tar entry ${name} was already read`);
        read = true;
        const data = new Uint8Array(size);
        const n = await bytes.take(size, data);
        if (n < size) {
          throw new TarError('truncated', `the archive ends inside ${name}, after ${n} of its ${size} bytes`);
        }
        return data;
      };
      if (flag === 'L' || flag === 'x') {
        // GNU long name / pax extended header: it names the entry that follows.
        const data = await readData();
        longName = flag === 'L' ? text(data) : paxPath(data);
      } else if (flag !== 'g') {
        name = name.replace(/^\.\//, '');
        const type: TarEntryType =
          flag === '0' || flag === '\0' || flag === '7' ? 'file' : flag === '5' ? 'directory' : 'other';
        yield { name, size, type, read: readData };
      }
      if (!read) {
        const skipped = await bytes.take(size);
        if (skipped < size) {
          throw new TarError('truncated', `the archive ends inside ${name}, after ${skipped} of its ${size} bytes`);
        }
      }
      await bytes.take(padding);
    }
    finished = true;
  } finally {
    // Stopped early (the caller broke out, or an error): the rest of the stream is not wanted.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
