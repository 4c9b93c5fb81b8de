// The Files store on fake-indexeddb: put / list / get / delete / rename, change announcements, and
// loadCSV from stored files with the sample datasets as the fallback.
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNK_BYTES } from '../../src/storage/chunks';
import { FilesStore, type FilesChange } from '../../src/notebook/files';
import { DataError } from '../../src/lib/errors';

let n = 0;
let store: FilesStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

function fresh(): FilesStore {
  store = new FilesStore(`kiroku-files-test-${++n}`);
  return store;
}

describe('FilesStore', () => {
  it('stores a File with its name, type, size and date, and lists it without its bytes', async () => {
    const s = fresh();
    const info = await s.put(
      new File(['a,b\n1,2\n'], 'data.csv', { type: 'text/csv', lastModified: 1_700_000_000_000 }),
    );
    expect(info).toEqual({ name: 'data.csv', type: 'text/csv', size: 8, lastModified: 1_700_000_000_000 });
    expect(await s.list()).toEqual([info]);
    const got = await s.get('data.csv');
    expect(await got!.bytes.text()).toBe('a,b\n1,2\n');
    expect(await (await s.file('data.csv'))!.text()).toBe('a,b\n1,2\n');
    expect(await s.get('missing.csv')).toBeUndefined();
  });

  it('stores text and bytes by name, guessing the type, and replaces a file of the same name', async () => {
    const s = fresh();
    await s.put({ name: 'notes.txt', data: 'one' });
    await s.put({ name: 'raw.bin', data: new Uint8Array([1, 2, 3]) });
    const again = await s.put({ name: 'notes.txt', data: 'two!' });
    expect(again).toMatchObject({ type: 'text/plain', size: 4 });
    expect((await s.list()).map((f) => [f.name, f.size])).toEqual([
      ['notes.txt', 4],
      ['raw.bin', 3],
    ]);
  });

  it("stores a Blob over a chunk's size, reads it back whole, in order; replaced or deleted: no chunk", async () => {
    const s = fresh();
    const words = new Uint32Array((2 * CHUNK_BYTES + 400) / 4).map((_, i) => i);
    const info = await s.put(new File([words], 'big.bin', { type: 'application/octet-stream', lastModified: 5 }));
    expect(info.size).toBe(words.byteLength);
    const back = new Uint8Array(await (await s.file('big.bin'))!.arrayBuffer());
    expect(Buffer.compare(back, new Uint8Array(words.buffer))).toBe(0);
    const { openDB } = await import('idb');
    const db = await openDB(s.dbName);
    expect(await db.count('fileChunks')).toBe(3);
    await s.put({ name: 'big.bin', data: 'small now' });
    expect(await db.count('fileChunks')).toBe(1);
    await s.rename('big.bin', 'b.bin');
    expect(await (await s.file('b.bin'))!.text()).toBe('small now');
    await s.delete('b.bin');
    expect(await db.count('fileChunks')).toBe(0);
    db.close();
  });

  it('upgrades a version-1 database: the bytes move to chunks and read back the same', async () => {
    const { openDB } = await import('idb');
    const name = `kiroku-files-v1-${Date.now()}`;
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('files', { keyPath: 'name' });
        db.createObjectStore('fileData', { keyPath: 'name' });
      },
    });
    await v1.put('files', { name: 'wine.csv', type: 'text/csv', size: 8, lastModified: 3 });
    await v1.put('fileData', { name: 'wine.csv', bytes: new TextEncoder().encode('a;b\n1;2\n').buffer });
    v1.close();
    const s = new FilesStore(name);
    expect(await s.list()).toEqual([{ name: 'wine.csv', type: 'text/csv', size: 8, lastModified: 3 }]);
    expect(await (await s.file('wine.csv'))!.text()).toBe('a;b\n1;2\n');
    await s.close();
  });

  it('deletes and renames, refusing to overwrite unless asked', async () => {
    const s = fresh();
    await s.put({ name: 'a.csv', data: 'x\n1\n' });
    await s.put({ name: 'b.csv', data: 'y\n2\n' });
    await expect(s.rename('a.csv', 'b.csv')).rejects.toThrow("A file named 'b.csv' already exists");
    await expect(s.rename('nope.csv', 'c.csv')).rejects.toThrow("No file named 'nope.csv'");
    expect((await s.rename('a.csv', 'c.csv')).name).toBe('c.csv');
    expect((await s.list()).map((f) => f.name)).toEqual(['b.csv', 'c.csv']);
    expect(await (await s.get('c.csv'))!.bytes.text()).toBe('x\n1\n');
    await s.rename('c.csv', 'b.csv', { overwrite: true });
    expect((await s.list()).map((f) => f.name)).toEqual(['b.csv']);
    expect(await s.delete('b.csv')).toBe(true);
    expect(await s.delete('b.csv')).toBe(false);
    expect(await s.list()).toEqual([]);
  });

  it('refuses names that are empty, too long or contain slashes, naming the value', async () => {
    const s = fresh();
    await expect(s.put({ name: '  ', data: 'x' })).rejects.toThrow('invalid file name: "  "');
    await expect(s.put({ name: 'a/b.csv', data: 'x' })).rejects.toThrow('invalid file name: "a/b.csv"');
    await expect(s.put({ name: 'x'.repeat(300), data: 'x' })).rejects.toThrow(/at most 255 characters/);
  });

  it('announces every change to this context’s listeners', async () => {
    const s = fresh();
    const changes: FilesChange[] = [];
    const stop = s.onChange((c) => changes.push(c));
    await s.put({ name: 'a.csv', data: 'x' });
    await s.rename('a.csv', 'b.csv');
    await s.delete('b.csv');
    stop();
    await s.put({ name: 'ignored.csv', data: 'x' });
    expect(changes).toEqual([
      { type: 'files-changed', action: 'put', names: ['a.csv'] },
      { type: 'files-changed', action: 'rename', names: ['a.csv', 'b.csv'] },
      { type: 'files-changed', action: 'delete', names: ['b.csv'] },
    ]);
  });

  it('tells another context (a tab, the kernel worker) through the BroadcastChannel', async () => {
    const s = fresh();
    const other = new FilesStore(s.dbName);
    const heard = new Promise<FilesChange>((resolve) => other.onChange(resolve));
    await s.put({ name: 'shared.csv', data: 'x' });
    expect(await heard).toEqual({ type: 'files-changed', action: 'put', names: ['shared.csv'], db: s.dbName });
    expect((await other.list()).map((f) => f.name)).toEqual(['shared.csv']);
    await other.close();
  });
});

describe('loadCSV', () => {
  it('reads a stored CSV into a DataFrame, with or without the .csv', async () => {
    const s = fresh();
    await s.put({ name: 'wine.csv', data: 'alcohol;quality\n9.4;5\n9.8;6\n' });
    const df = await s.loadCSV('wine.csv');
    expect(df.shape).toEqual([2, 2]);
    expect(df.columns).toEqual(['alcohol', 'quality']);
    expect((await s.loadCSV('wine')).shape).toEqual([2, 2]);
  }, 60_000);

  it('falls back to a sample dataset by name', async () => {
    const s = fresh();
    const cars = await s.loadCSV('cars');
    expect(cars.shape).toEqual([406, 9]);
    expect(s.samples().map((d) => d.name)).toContain('penguins');
  }, 60_000);

  it('says which files and samples exist when the name matches none', async () => {
    const s = fresh();
    await s.put({ name: 'mine.csv', data: 'a\n1\n' });
    const err = await s.loadCSV('winequality-red.csv').catch((e: unknown) => e as Error);
    expect(err.message).toBe(
      "No file named 'winequality-red.csv' in Files. Upload it in the Files panel, or load one of your files " +
        "('mine.csv') or the sample datasets ('cars', 'penguins', 'seattle-weather').",
    );
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).code).toBe('RESOURCE_DOES_NOT_EXIST');
  });
});
