import { describe, expect, it } from 'vitest';
import { parseSafetensors } from './safetensors.ts';
import {
  safetensorsHeader,
  serializeSafetensors,
  streamSafetensors,
  type TensorToWrite,
} from './safetensors-writer.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const headerLength = (bytes: Uint8Array) => Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));

describe('the header layout is the reference implementation’s', () => {
  // Expected layouts from the serialization tests of github.com/huggingface/safetensors (tensor.rs):
  // compact JSON, entry keys dtype/shape/data_offsets, padded with spaces to a multiple of 8 bytes.
  const zeroToFive = new Float32Array([0, 1, 2, 3, 4, 5]);

  it('one F32 tensor whose header needs no padding', () => {
    const bytes = serializeSafetensors([{ name: 'attn.0', shape: [1, 2, 3], data: zeroToFive }], null);
    expect(headerLength(bytes)).toBe(64);
    expect(text(bytes.subarray(8, 72))).toBe('{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}');
    expect(bytes.length).toBe(8 + 64 + 24);
    expect(new Float32Array(bytes.slice(72).buffer)).toEqual(zeroToFive);
  });

  it('padding with spaces so the data starts on 8 bytes', () => {
    const bytes = serializeSafetensors([{ name: 'attn0', shape: [1, 1, 2, 3], data: zeroToFive }], null);
    expect(headerLength(bytes)).toBe(72);
    expect(text(bytes.subarray(8, 80))).toBe(
      `{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}${' '.repeat(7)}`,
    );
  });

  it('metadata first; empty files', () => {
    expect(text(safetensorsHeader([], { framework: 'pt' }).subarray(8))).toBe(
      `{"__metadata__":{"framework":"pt"}}${' '.repeat(5)}`,
    );
    expect([...safetensorsHeader([], null)]).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]);
  });

  it('writes {"format":"pt"} by default and keeps the given order, even for integer-like names', () => {
    const one = new Float32Array([1]);
    const bytes = serializeSafetensors(['b', '10', 'a', '2'].map((name) => ({ name, shape: [1], data: one })));
    expect(text(bytes.subarray(8, 8 + headerLength(bytes)))).toMatch(
      /^\{"__metadata__":\{"format":"pt"\},"b":.*"10":.*"a":.*"2":\{"dtype":"F32","shape":\[1\],"data_offsets":\[12,16\]\}\} *$/,
    );
  });
});

describe('the writer refuses what it cannot write', () => {
  const data = new Float32Array(4);
  it.each<[string, TensorToWrite[], string]>([
    [
      'a duplicate name',
      [
        { name: 'x', shape: [4], data },
        { name: 'x', shape: [4], data },
      ],
      'tensor "x" is given twice',
    ],
    [
      'data of the wrong length',
      [{ name: 'x', shape: [2, 3], data }],
      'tensor "x" has 4 values but its shape [2, 3] needs 6',
    ],
    [
      'a reserved name',
      [{ name: '__metadata__', shape: [4], data }],
      'a tensor cannot be named "__metadata__" in a safetensors file',
    ],
    [
      'a bad shape',
      [{ name: 'x', shape: [2, -2], data }],
      'tensor "x": shape [2,-2] is not a list of non-negative integers',
    ],
  ])('%s', (_, tensors, message) => {
    expect(() => serializeSafetensors(tensors)).toThrow(message);
  });
});

describe('streamSafetensors', () => {
  const tensors: TensorToWrite[] = [
    { name: 'w', shape: [3, 2], data: new Float32Array([1, 2, 3, 4, 5, 6]) },
    { name: 'h', shape: [3], dtype: 'F16', data: new Float32Array([0.5, -1, 2]) },
    { name: 'b', shape: [1], dtype: 'BF16', data: new Float32Array([3]) },
  ];

  it('writes the same bytes as serializeSafetensors, producing each tensor only after the previous is written', async () => {
    const chunks: Uint8Array[] = [];
    const events: string[] = [];
    const written = await streamSafetensors(
      tensors,
      (spec, i) => {
        events.push(`produce ${spec.name}`);
        return tensors[i].data;
      },
      (chunk) => {
        events.push(`write ${chunk.length}`);
        chunks.push(chunk.slice());
      },
    );
    const whole = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (whole.set(c, at), at + c.length), 0);
    expect(whole).toEqual(serializeSafetensors(tensors));
    expect(written).toBe(whole.length);
    expect(events.slice(1)).toEqual(['produce w', 'write 24', 'produce h', 'write 6', 'produce b', 'write 2']);
    expect(parseSafetensors(whole, 'streamed').get('h')!.data).toEqual(new Float32Array([0.5, -1, 2]));
  });
});
