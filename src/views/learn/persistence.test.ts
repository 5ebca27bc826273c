import 'fake-indexeddb/auto';
import { set } from 'idb-keyval';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RaceSnapshot } from '../../runtime/training/protocol.ts';
import { watchedStore } from '../storage/watched-store.ts';
import { IndexedDbLabStorage, SNAPSHOT_PIECE_BYTES } from './persistence.ts';

let databases = 0;
/** A storage of its own (fresh databases), and its snapshot store as the storage opens it. */
function storage() {
  const prefix = `persistence-test-${++databases}`;
  return { lab: new IndexedDbLabStorage(prefix), snapshots: watchedStore(`${prefix}-snapshots`, 'snapshots').use };
}

/** `size` bytes that differ from piece to piece and from `seed` to seed. */
function bytes(size: number, seed: number): ArrayBuffer {
  const values = new Uint8Array(size);
  for (let i = 0; i < size; i++) values[i] = (i * 31 + seed * 7 + Math.floor(i / 4099)) & 255;
  return values.buffer;
}

/** The first index at which a and b differ, or -1 (vitest's deep equality takes seconds on megabytes). */
function firstDifference(a: ArrayBuffer, b: ArrayBuffer): number {
  const [x, y] = [new Uint8Array(a), new Uint8Array(b)];
  if (x.length !== y.length) return Math.min(x.length, y.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

function snapshot(epoch: number): RaceSnapshot {
  return {
    runId: 'run-1',
    epoch,
    step: epoch * 13,
    networks: {
      'inception-v4-s': bytes(2.5 * SNAPSHOT_PIECE_BYTES, epoch),
      'inception-resnet-v2-s': bytes(1000, epoch + 1),
      empty: new ArrayBuffer(0),
    },
  };
}

const same = (a: RaceSnapshot | undefined, b: RaceSnapshot) => {
  expect(a).toBeDefined();
  expect({ ...a, networks: undefined }).toEqual({ ...b, networks: undefined });
  expect(Object.keys(a!.networks).sort()).toEqual(Object.keys(b.networks).sort());
  for (const [id, buffer] of Object.entries(b.networks)) {
    expect(firstDifference(a!.networks[id], buffer)).toBe(-1);
  }
};

const keys = (store: ReturnType<typeof storage>['snapshots']) =>
  store(
    'readonly',
    (s) =>
      new Promise<IDBValidKey[]>(
        (done) => (s.getAllKeys().onsuccess = (e) => done((e.target as IDBRequest<IDBValidKey[]>).result)),
      ),
  );

afterEach(() => {
  vi.restoreAllMocks();
});

describe('IndexedDbLabStorage snapshots', () => {
  it('keep every byte of each network, written a piece at a time (no put serialises more than a piece)', async () => {
    const { lab } = storage();
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    await lab.saveSnapshot(snapshot(1));
    const sizes = put.mock.calls.map(([value]) => (value instanceof ArrayBuffer ? value.byteLength : 0));
    expect(Math.max(...sizes)).toBe(SNAPSHOT_PIECE_BYTES);
    // 3 pieces, 1 and 1 (an empty network is one empty piece), then the entry that names them.
    expect(put).toHaveBeenCalledTimes(6);
    same(await lab.snapshot('run-1'), snapshot(1));
  });

  it("replace the previous epoch's pieces, and a save cut short leaves the previous snapshot whole", async () => {
    const { lab, snapshots } = storage();
    await lab.saveSnapshot(snapshot(1));
    const one = await keys(snapshots);
    await lab.saveSnapshot(snapshot(2));
    const two = await keys(snapshots);
    expect(two).toHaveLength(one.length);
    expect(two.filter((k) => Array.isArray(k) && k[1] === 1)).toEqual([]);
    same(await lab.snapshot('run-1'), snapshot(2));

    // The page closes after some pieces of epoch 3: its entry still names epoch 2's.
    await set(['run-1', 3, 'inception-v4-s', 0], bytes(SNAPSHOT_PIECE_BYTES, 9), snapshots);
    same(await lab.snapshot('run-1'), snapshot(2));
    // The next save clears the strays.
    await lab.saveSnapshot(snapshot(4));
    expect((await keys(snapshots)).filter((k) => Array.isArray(k) && k[1] !== 4)).toEqual([]);
    same(await lab.snapshot('run-1'), snapshot(4));
  });

  it('are gone with their run, pieces and all; a missing piece reads as no snapshot', async () => {
    const { lab, snapshots } = storage();
    await lab.saveSnapshot(snapshot(1));
    await snapshots('readwrite', (s) => {
      s.delete(['run-1', 1, 'inception-v4-s', 1]);
      return new Promise((done) => (s.transaction.oncomplete = done));
    });
    expect(await lab.snapshot('run-1')).toBeUndefined();
    await lab.remove('run-1');
    expect(await keys(snapshots)).toEqual([]);
  });

  it('read a snapshot stored whole, as pages before the pieces stored it', async () => {
    const { lab, snapshots } = storage();
    await set('run-1', snapshot(1), snapshots);
    same(await lab.snapshot('run-1'), snapshot(1));
  });
});
