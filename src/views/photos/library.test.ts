import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { refuseWrites } from '../../testing/storage-quota.ts';
import { LIMIT, PhotoLibrary } from './library.ts';

const blob = (text: string) => new Blob([text], { type: 'image/png' });

afterEach(() => vi.restoreAllMocks());

describe('PhotoLibrary', () => {
  it('keeps photos in IndexedDB across library instances (a reload), newest first', async () => {
    const library = PhotoLibrary.open('test-reload');
    expect(library.persistent).toBe(true);
    const first = await library.add(blob('one'), 'one.png');
    await new Promise((r) => setTimeout(r, 2));
    const second = await library.add(blob('two!'), 'two.png');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^[0-9a-z]{10}$/);

    const reopened = PhotoLibrary.open('test-reload');
    const listed = await reopened.list();
    expect(listed.map((p) => [p.name, p.bytes])).toEqual([
      ['two.png', 4],
      ['one.png', 3],
    ]);
    const record = await reopened.get(first);
    expect(await record!.blob.text()).toBe('one');
    expect(await reopened.get('no-such-slot')).toBeUndefined();
  });

  it('keeps a photo added again once: its slot stays, it takes the new name and becomes the newest', async () => {
    const library = PhotoLibrary.open('test-same');
    const first = await library.add(blob('tench photo'), 'tench.jpg');
    await new Promise((r) => setTimeout(r, 2));
    const other = await library.add(blob('other photo'), 'other.jpg');
    await new Promise((r) => setTimeout(r, 2));
    const again = await library.add(blob('tench photo'), 'tench (copy).jpg');
    expect(again).toBe(first);
    expect((await library.list()).map((p) => [p.slot, p.name])).toEqual([
      [first, 'tench (copy).jpg'],
      [other, 'other.jpg'],
    ]);
  });

  it('drops the oldest beyond the limit and tells subscribers of every change', async () => {
    const library = PhotoLibrary.open('test-limit');
    let changes = 0;
    const unsubscribe = library.subscribe(() => changes++);
    const slots: string[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      slots.push(await library.add(blob(String(i)), `${i}.png`));
      await new Promise((r) => setTimeout(r, 1));
    }
    const listed = await library.list();
    expect(listed).toHaveLength(LIMIT);
    expect(await library.get(slots[0])).toBeUndefined();
    expect(await library.get(slots[1])).toBeUndefined();
    expect(listed[0].slot).toBe(slots[slots.length - 1]);
    await library.remove(slots[slots.length - 1]);
    expect(await library.list()).toHaveLength(LIMIT - 1);
    expect(changes).toBe(LIMIT + 3);
    await library.clear();
    expect(await library.list()).toEqual([]);
    unsubscribe();
  });

  it('keeps the order photos came in when the clock does not move between them (several dropped at once)', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_796_650_024_074);
    const library = PhotoLibrary.open('test-same-millisecond');
    const slots: string[] = [];
    for (let i = 0; i < LIMIT + 2; i++) slots.push(await library.add(blob(`photo ${i}`), `${i}.png`));
    const listed = await library.list();
    expect(listed.map((p) => p.slot)).toEqual(slots.slice(2).reverse());
    expect(await library.get(slots[0])).toBeUndefined();
    expect(await library.get(slots[1])).toBeUndefined();
  });

  it('orders photos kept concurrently as they were given, when the clock does not move between them', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_796_650_024_074);
    const library = PhotoLibrary.open('test-concurrent');
    const slots = await Promise.all([0, 1, 2, 3].map((i) => library.add(blob(`dropped ${i}`), `${i}.png`)));
    expect((await library.list()).map((p) => p.slot)).toEqual(slots.slice().reverse());
  });

  it('keeps no more than the limit when more photos than it are kept concurrently', async () => {
    const library = PhotoLibrary.open('test-concurrent-limit');
    const count = LIMIT + 3;
    const slots = await Promise.all(
      Array.from({ length: count }, (_, i) => library.add(blob(`folder photo ${i}`), `${i}.png`)),
    );
    expect((await library.list()).map((p) => p.slot)).toEqual(slots.slice(3).reverse());
  });

  it('works in memory, and says it does not persist', async () => {
    const library = PhotoLibrary.inMemory();
    expect(library.persistent).toBe(false);
    const slot = await library.add(blob('x'), '');
    expect((await library.get(slot))?.name).toBe('pasted image');
  });

  it('keeps a photo IndexedDB refuses (its quota full) for the page, and says why it is not kept', async () => {
    const library = PhotoLibrary.open('test-quota');
    let changes = 0;
    library.subscribe(() => changes++);
    refuseWrites();
    const slot = await library.add(blob('refused'), 'refused.png');
    expect(library.persistent).toBe(false);
    expect(library.failure).toEqual({ kind: 'quota' });
    expect(await (await library.get(slot))!.blob.text()).toBe('refused');
    expect(changes).toBe(1);
    vi.restoreAllMocks();
    expect(await PhotoLibrary.open('test-quota').get(slot)).toBeUndefined();
  });

  it('says whether it is full, so that a photo it lacks was dropped rather than never kept', async () => {
    const library = PhotoLibrary.open('test-full');
    expect(await library.full()).toBe(false);
    for (let i = 0; i < LIMIT; i++) await library.add(blob(`photo ${i}`), `${i}.png`);
    expect(await library.full()).toBe(true);
  });
});
