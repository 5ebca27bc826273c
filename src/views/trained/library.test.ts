import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TrainedHeaderError } from '../../model/trained.ts';
import { serializeSafetensors } from '../../runtime/weights/safetensors-writer.ts';
import { trainedTestFile, trainedTestNetwork } from '../../testing/trained-file.ts';
import { TrainedLibrary, trainedFileHash } from './library.ts';

const file = trainedTestFile();
const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

describe('TrainedLibrary', () => {
  it("keeps an opened network across library instances (a reload), keyed by its file's hash", async () => {
    const library = TrainedLibrary.open('test-trained-reload');
    expect(library.persistent).toBe(true);
    const entry = await library.open(blob(file), 'irv2-s.safetensors', { testError: 0.4 });
    expect(entry.id).toBe(await trainedFileHash(file.slice().buffer));
    expect(entry.id).toMatch(/^[0-9a-f]{16}$/);
    expect(entry.header.classes).toEqual(['disc', 'ring', 'stripes']);
    expect(entry.header.network.input).toEqual([32, 32, 3]);
    expect(entry.header.training).toMatchObject({ epoch: 2, data: 'generated' });
    expect(entry.testError).toBe(0.4);

    const reopened = TrainedLibrary.open('test-trained-reload');
    const kept = await reopened.get(entry.id);
    expect(kept?.fileName).toBe('irv2-s.safetensors');
    expect(new Uint8Array(await kept!.blob.arrayBuffer())).toEqual(file);
    expect((await reopened.list()).map((e) => [e.id, e.bytes])).toEqual([[entry.id, file.length]]);
  });

  it('opens the same file again as the same entry, keeping what was known of it', async () => {
    const library = TrainedLibrary.open('test-trained-again');
    const first = await library.open(blob(file), 'a.safetensors', { testError: 0.3 });
    const second = await library.open(blob(file), 'b.safetensors');
    expect(second.id).toBe(first.id);
    expect(second.testError).toBe(0.3);
    expect(await library.list()).toHaveLength(1);
    const other = trainedTestFile(trainedTestNetwork({ classes: 4 }), ['a', 'b', 'c', 'd']);
    const third = await library.open(blob(other), 'c.safetensors');
    expect(third.id).not.toBe(first.id);
    expect((await library.list())[0].id).toBe(third.id);
  });

  it('forgets a network, and tells subscribers of every change', async () => {
    const library = TrainedLibrary.open('test-trained-forget');
    let changes = 0;
    library.subscribe(() => changes++);
    const entry = await library.open(blob(file), 'a.safetensors');
    await library.forget(entry.id);
    expect(await library.get(entry.id)).toBeUndefined();
    expect(await library.list()).toEqual([]);
    expect(changes).toBe(2);
  });

  it('refuses a foreign safetensors file and a truncated one, keeping nothing', async () => {
    const library = TrainedLibrary.open('test-trained-refuse');
    const foreign = serializeSafetensors([{ name: 'x', shape: [1], data: new Float32Array([1]) }]);
    await expect(library.open(blob(foreign), 'inception_v4.safetensors')).rejects.toThrow(TrainedHeaderError);
    await expect(library.open(blob(foreign), 'inception_v4.safetensors')).rejects.toThrow(
      /holds no network definition/,
    );
    await expect(library.open(blob(file.subarray(0, 200)), 'cut.safetensors')).rejects.toThrow(
      /cut\.safetensors is truncated/,
    );
    await expect(library.open(blob(new Uint8Array(3)), 'empty.safetensors')).rejects.toThrow(/fewer than the 8/);
    expect(await library.list()).toEqual([]);
  });
});
