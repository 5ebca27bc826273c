import { describe, expect, it } from 'vitest';
import { tarArchive } from '../../../testing/cifar10-files.ts';
import { TarError, tarEntries, type TarEntry } from './tar.ts';

/** A stream delivering `bytes` in pieces of `piece` bytes (to cross header and data boundaries anywhere). */
function streamOf(bytes: Uint8Array, piece = 1000): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(at, at + piece));
      at += piece;
    },
  });
}

interface Listed {
  name: string;
  type: string;
  size: number;
  text?: string;
}

async function list(bytes: Uint8Array, piece?: number): Promise<Listed[]> {
  const out = [];
  for await (const entry of tarEntries(streamOf(bytes, piece))) {
    const item: Listed = { name: entry.name, type: entry.type, size: entry.size };
    if (entry.name.endsWith('.txt')) item.text = new TextDecoder().decode(await entry.read());
    out.push(item);
  }
  return out;
}

const failure = async (bytes: Uint8Array) => {
  try {
    await list(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(TarError);
    return error as TarError;
  }
  throw new Error('expected a TarError');
};

const encode = (text: string) => new TextEncoder().encode(text);

describe('tarEntries', () => {
  const archive = tarArchive([
    { name: 'dir/', type: '5' },
    { name: 'dir/a.txt', data: encode('hello') },
    { name: 'dir/skipped.bin', data: new Uint8Array(1500).fill(9) },
    { name: 'dir/b.txt', data: encode('x'.repeat(512)) },
  ]);

  it('lists entries and reads the ones asked for, whatever the chunk size', async () => {
    for (const piece of [1, 7, 512, 100_000]) {
      expect(await list(archive, piece)).toEqual([
        { name: 'dir/', type: 'directory', size: 0 },
        { name: 'dir/a.txt', type: 'file', size: 5, text: 'hello' },
        { name: 'dir/skipped.bin', type: 'file', size: 1500 },
        { name: 'dir/b.txt', type: 'file', size: 512, text: 'x'.repeat(512) },
      ]);
    }
  });

  it('reads GNU tar headers ("ustar  " magic), whose prefix field holds other things', async () => {
    const gnu = tarArchive([{ name: 'gnu/a.txt', data: encode('gnu') }]);
    gnu.set(encode('ustar  \0'), 257);
    gnu.set(encode('14315712345\0'), 345); // GNU tar's access time, where ustar keeps the name's prefix
    gnu.set(encode('        '), 148);
    const sum = gnu.subarray(0, 512).reduce((a, b) => a + b, 0);
    gnu.set(encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    expect(await list(gnu)).toEqual([{ name: 'gnu/a.txt', type: 'file', size: 3, text: 'gnu' }]);
  });

  it('takes GNU long names for the entry that follows', async () => {
    const long = `${'deep/'.repeat(30)}file.txt`;
    const bytes = tarArchive([
      { name: '././@LongLink', type: 'L', data: encode(`${long}\0`) },
      { name: long.slice(0, 99), data: encode('z') },
    ]);
    expect(await list(bytes)).toEqual([{ name: long, type: 'file', size: 1, text: 'z' }]);
  });

  it('takes the path of a pax extended header', async () => {
    const record = (text: string) => {
      let length = text.length + 3;
      if (String(length).length + text.length + 2 !== length) length++;
      return `${length} ${text}\n`;
    };
    const bytes = tarArchive([
      { name: 'PaxHeader', type: 'x', data: encode(record('path=pax/name.txt')) },
      { name: 'short', data: encode('p') },
    ]);
    expect(await list(bytes)).toEqual([{ name: 'pax/name.txt', type: 'file', size: 1, text: 'p' }]);
  });

  it('says when the data is not a tar archive', async () => {
    expect((await failure(encode('just some text, '.repeat(64)))).problem).toBe('not-tar');
    expect((await failure(encode('short'))).message).toBe('5 bytes, less than one tar header (512 bytes)');
  });

  it('says where a cut archive ends', async () => {
    const cut = await failure(archive.subarray(0, 512 * 3 + 700));
    expect(cut.problem).toBe('truncated');
    expect(cut.message).toBe('the archive ends inside dir/skipped.bin, after 188 of its 1500 bytes');
  });

  it('reports a damaged header after the first', async () => {
    const damaged = archive.slice();
    damaged[512 * 3 + 10] ^= 0xff; // the header of dir/skipped.bin
    const error = await failure(damaged);
    expect(error.problem).toBe('damaged');
    expect(error.message).toBe('the tar header at byte 1536 is damaged (its checksum does not match)');
  });

  it('cancels the stream when the caller stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(archive.slice());
      },
      cancel() {
        cancelled = true;
      },
    });
    let first: TarEntry | undefined;
    for await (const entry of tarEntries(stream)) {
      first = entry;
      break;
    }
    expect(first?.name).toBe('dir/');
    expect(cancelled).toBe(true);
  });
});
