import { describe, expect, it } from 'vitest';
import { WeightsFileError } from './errors.ts';
import { parseSafetensors, readSafetensorsHeader } from './safetensors.ts';
import { serializeSafetensors, type TensorToWrite } from './safetensors-writer.ts';

/** A file with an arbitrary header (object or raw text) and data section, for the failure cases. */
function craft(header: unknown, data: Uint8Array | number = 0): Uint8Array {
  const text = typeof header === 'string' ? header : JSON.stringify(header);
  const json = new TextEncoder().encode(text);
  const body = typeof data === 'number' ? new Uint8Array(data) : data;
  const out = new Uint8Array(8 + json.length + body.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(body, 8 + json.length);
  return out;
}

function errorOf(run: () => unknown): WeightsFileError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WeightsFileError);
    return error as WeightsFileError;
  }
  throw new Error('expected a WeightsFileError');
}

const parseError = (bytes: Uint8Array, limits?: { maxHeaderBytes?: number }) =>
  errorOf(() => parseSafetensors(bytes, 'w.safetensors', limits));

const entry = (dtype: string, shape: number[], begin: number, end: number) => ({
  dtype,
  shape,
  data_offsets: [begin, end],
});

describe('parseSafetensors round trips what the writer wrote', () => {
  const values = new Float32Array([0, 1, -2.5, 65504, 2 ** -24, -0.375]);
  const tensors: TensorToWrite[] = [
    { name: 'a.f32', shape: [2, 3], data: values },
    { name: 'b.f16', shape: [3, 2], dtype: 'F16', data: values },
    { name: 'c.bf16', shape: [6], dtype: 'BF16', data: new Float32Array([1, -2, 3.140625, 0, -0.5, 256]) },
    { name: 'd.scalar', shape: [], data: new Float32Array([7]) },
    { name: 'e.empty', shape: [0, 4], data: new Float32Array(0) },
  ];
  const file = parseSafetensors(serializeSafetensors(tensors, { format: 'pt', note: 'é' }), 'mixed.safetensors');

  it('lists the tensors in file order with their dtypes and shapes', () => {
    expect(file.names()).toEqual(['a.f32', 'b.f16', 'c.bf16', 'd.scalar', 'e.empty']);
    expect(file.names().map((n) => file.dtype(n))).toEqual(['F32', 'F16', 'BF16', 'F32', 'F32']);
    expect(file.shapeOf('b.f16')).toEqual([3, 2]);
    expect(file.metadata).toEqual({ format: 'pt', note: 'é' });
    expect(file.get('missing')).toBeUndefined();
  });

  it('decodes F32, F16 and BF16 to the exact float32 values', () => {
    expect(file.get('a.f32')).toEqual({ shape: [2, 3], data: values });
    expect(file.get('b.f16')!.data).toEqual(values); // each value is exactly representable in float16
    expect([...file.get('c.bf16')!.data]).toEqual([1, -2, 3.140625, 0, -0.5, 256]);
    expect([...file.get('d.scalar')!.data]).toEqual([7]);
    expect(file.get('e.empty')!.data.length).toBe(0);
  });

  it('rounds float16 and bfloat16 to nearest-even on the way in', () => {
    const third = new Float32Array([1 / 3]);
    const f = parseSafetensors(
      serializeSafetensors([
        { name: 'h', shape: [1], dtype: 'F16', data: third },
        { name: 'b', shape: [1], dtype: 'BF16', data: third },
      ]),
      'x',
    );
    expect(f.get('h')!.data[0]).toBe(0.333251953125);
    expect(f.get('b')!.data[0]).toBe(0.333984375);
  });
});

describe('memory', () => {
  const data = new Float32Array(1024).map((_, i) => i * 0.25);
  const bytes = serializeSafetensors([
    { name: 'x', shape: [1024], data },
    { name: 'y', shape: [2], data: new Float32Array([1, 2]) },
  ]);

  it('returns aligned float32 tensors as views of the file, not copies', () => {
    const file = parseSafetensors(bytes, 'x.safetensors');
    const x = file.get('x')!.data;
    expect(x.buffer).toBe(bytes.buffer);
    expect(x).toEqual(data);
    expect(file.byteLength).toBe(bytes.length);
  });

  it('reads a file held in a SharedArrayBuffer (as a worker may receive it)', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    expect(parseSafetensors(shared, 'x.safetensors').get('x')!.data).toEqual(data);
  });

  it('copies a misaligned float32 tensor, with the same values', () => {
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    const x = parseSafetensors(shifted, 'x.safetensors').get('x')!.data;
    expect(x.buffer).not.toBe(shifted.buffer);
    expect(x).toEqual(data);
  });
});

describe('BatchNorm step counters', () => {
  it('are accepted as I64 and left out of the tensors', () => {
    const file = parseSafetensors(
      craft(
        {
          'bn.weight': entry('F32', [2], 0, 8),
          'bn.num_batches_tracked': entry('I64', [], 8, 16),
        },
        16,
      ),
      'x',
    );
    expect(file.names()).toEqual(['bn.weight']);
    expect(file.ignored).toEqual(['bn.num_batches_tracked']);
  });
});

describe('parseSafetensors rejects bad files with a message naming the file and the first bad tensor', () => {
  it('fewer than 8 bytes', () => {
    expect(parseError(new Uint8Array(5)).message).toBe(
      'w.safetensors is not a safetensors file: it has 5 bytes, fewer than the 8 of the header length',
    );
  });

  it('a header length above the limit (default 100 MB)', () => {
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 0x1234_5678_9abcn, true);
    expect(parseError(huge).message).toBe(
      'w.safetensors is not a safetensors file: its first 8 bytes give a header length of 20015998343868, more than the limit of 100000000 bytes',
    );
    expect(parseError(huge).problem).toBe('not-safetensors');
    expect(parseError(craft({ a: entry('F32', [1], 0, 4) }, 4), { maxHeaderBytes: 16 }).message).toMatch(
      /header length of \d+, more than the limit of 16 bytes/,
    );
  });

  it('a web page or text served instead of the weights, saying so (not a "header length" of 8·10^18)', () => {
    const page = new TextEncoder().encode(
      '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Nothing here</body></html>',
    );
    const e = parseError(page);
    expect(e.message).toBe(
      'w.safetensors is not a safetensors file: it is a web page (HTML), not weights: it begins "<!DOCTYPE html> <html><head><title>404 Not Found</title></he"…',
    );
    expect(e.problem).toBe('web-page');
    const json = parseError(new TextEncoder().encode('{"error":"Entry not found"}'));
    expect(json.message).toBe(
      'w.safetensors is not a safetensors file: it is text, not weights: it begins "{\\"error\\":\\"Entry not found\\"}"',
    );
    expect(json.problem).toBe('not-safetensors');
  });

  it('a header longer than the file', () => {
    const whole = craft({ a: entry('F32', [1], 0, 4) }, 4);
    const headerLength = whole.length - 8 - 4;
    expect(parseError(whole.subarray(0, 20)).message).toBe(
      `w.safetensors is truncated: its header needs ${headerLength} bytes but the file has only 12 after the header length`,
    );
  });

  it('a header that is not UTF-8, not JSON, or not an object', () => {
    const badUtf8 = craft('{"ab":{}}');
    badUtf8[11] = 0xff;
    expect(parseError(badUtf8).message).toBe('w.safetensors: the header is not valid UTF-8');
    expect(parseError(badUtf8).problem).toBe('not-safetensors');
    expect(parseError(new Uint8Array(64)).problem).toBe('not-safetensors'); // 64 zero bytes: an empty header
    expect(parseError(craft('{"a": [1, 2}')).message).toMatch(/^w\.safetensors: the header is not valid JSON \(.+\)$/);
    expect(parseError(craft('[1, 2]')).message).toBe(
      'w.safetensors: the header does not start with "{" (it starts "[1, 2]")',
    );
    expect(parseError(craft(' {}')).message).toMatch(/does not start with "\{"/);
  });

  it('accepts an empty file whose header is padded with spaces', () => {
    const file = parseSafetensors(craft('{}      '), 'empty.safetensors');
    expect(file.names()).toEqual([]);
    expect(file.metadata).toEqual({});
  });

  it('an unsupported or unknown dtype', () => {
    const e = parseError(craft({ ok: entry('F32', [1], 0, 4), ids: entry('I64', [2], 4, 20) }, 20));
    expect(e.message).toBe('w.safetensors: tensor "ids" has dtype I64, but only F32, F16, BF16 tensors can be loaded');
    expect(e.tensor).toBe('ids');
    expect(parseError(craft({ q: entry('Q4', [1], 0, 1) }, 1)).message).toBe(
      'w.safetensors: tensor "q" has an unknown dtype "Q4"',
    );
    expect(parseError(craft({ d: entry('F64', [1], 0, 8) }, 8)).message).toMatch(/tensor "d" has dtype F64/);
  });

  it('a shape or offsets that are not non-negative integers', () => {
    expect(parseError(craft({ s: entry('F32', [2, -1], 0, 4) }, 4)).message).toBe(
      'w.safetensors: tensor "s" has shape [2,-1], which is not a list of non-negative integers',
    );
    expect(parseError(craft({ s: entry('F32', [1.5], 0, 4) }, 4)).tensor).toBe('s');
    expect(parseError(craft({ o: { dtype: 'F32', shape: [1], data_offsets: [0] } }, 4)).message).toBe(
      'w.safetensors: tensor "o" has data_offsets [0], which are not two non-negative integers [begin, end]',
    );
    expect(parseError(craft({ o: entry('F32', [0], 8, 4) }, 8)).message).toBe(
      'w.safetensors: tensor "o" has data_offsets [8, 4] that end before they begin',
    );
    expect(parseError(craft({ n: 'F32' }, 0)).message).toBe(
      'w.safetensors: tensor "n" is not described by a JSON object',
    );
  });

  it('a size that does not match shape × dtype', () => {
    const e = parseError(
      craft({ a: entry('F32', [2, 2], 0, 16), b: entry('F16', [3], 16, 22), c: entry('F32', [2, 3], 22, 40) }, 40),
    );
    expect(e.message).toBe(
      'w.safetensors: tensor "c" has shape [2, 3] of F32, which needs 24 bytes, but data_offsets [22, 40] hold 18',
    );
    expect(e.tensor).toBe('c');
  });

  it('a truncated file, naming the first tensor that is cut', () => {
    const whole = craft(
      { a: entry('F32', [4], 0, 16), b: entry('F32', [4], 16, 32), c: entry('F32', [4], 32, 48) },
      48,
    );
    const cut = whole.subarray(0, whole.length - 20);
    const e = parseError(cut);
    expect(e.message).toBe(
      'w.safetensors is truncated: tensor "b" needs bytes 16–32 of the data section but the file has only 28 (its header describes 48)',
    );
    expect(e.tensor).toBe('b');
    expect(e.problem).toBe('truncated');
    expect(readSafetensorsHeader(cut)).toEqual({
      dataLength: 28,
      entries: [
        { name: 'a', begin: 0, end: 16 },
        { name: 'b', begin: 16, end: 32 },
        { name: 'c', begin: 32, end: 48 },
      ],
    });
    expect(readSafetensorsHeader(new TextEncoder().encode('<html></html>'))).toBeUndefined();
  });

  it('offsets outside the data section', () => {
    expect(parseError(craft({ a: entry('F32', [1], 0, 4), far: entry('F32', [1], 400, 404) }, 8)).message).toBe(
      'w.safetensors: tensor "far" has data_offsets [400, 404] outside the data section, which has 8 bytes',
    );
  });

  it('overlapping tensors, holes and trailing bytes', () => {
    const overlap = parseError(craft({ a: entry('F32', [4], 0, 16), b: entry('F32', [2], 8, 16) }, 16));
    expect(overlap.message).toBe('w.safetensors: tensors "a" (bytes 0–16) and "b" (bytes 8–16) overlap');
    expect(overlap.tensor).toBe('b');
    expect(parseError(craft({ a: entry('F32', [1], 0, 4), b: entry('F32', [1], 8, 12) }, 12)).message).toBe(
      'w.safetensors: bytes 4–8 of the data section belong to no tensor (the next is "b")',
    );
    expect(parseError(craft({ a: entry('F32', [1], 0, 4) }, 10)).message).toBe(
      'w.safetensors: 6 bytes follow the last tensor; the header describes 4 bytes of data but the file has 10',
    );
  });

  it('metadata that is not a string → string map', () => {
    expect(parseError(craft({ __metadata__: { format: 'pt', epoch: 3 } })).message).toBe(
      'w.safetensors: "__metadata__" entry "epoch" is 3, not a string',
    );
    expect(parseError(craft({ __metadata__: ['pt'] })).message).toBe(
      'w.safetensors: "__metadata__" is not a JSON object',
    );
  });
});
