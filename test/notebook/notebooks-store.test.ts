import { afterEach, describe, expect, it } from 'vitest';
import { codeCell, newNotebook } from '../../src/notebook/document';
import { NotebooksStore } from '../../src/notebook/notebooks-store';
import { SAMPLES } from '../../src/notebook/samples';

let n = 0;
const stores: NotebooksStore[] = [];
async function open(now?: () => number) {
  const s = await NotebooksStore.open({ name: `nb-test-${++n}`, now });
  stores.push(s);
  return s;
}
afterEach(() => stores.splice(0).forEach((s) => s.close()));

describe('NotebooksStore', () => {
  it('saves and reads a notebook with its outputs', async () => {
    const s = await open();
    const cell = {
      ...codeCell('1 + 1'),
      executionCount: 1,
      outputs: [{ output_type: 'execute_result' as const, execution_count: 1, data: { 'text/plain': '2' } }],
    };
    const doc = newNotebook('A', [cell]);
    await s.put(doc);
    expect(await s.get(doc.id)).toEqual(doc);
  });

  it('lists live notebooks, most recently changed first', async () => {
    const s = await open();
    await s.put(newNotebook('old', [], 1));
    await s.put(newNotebook('new', [codeCell(), codeCell()], 3));
    await s.put(newNotebook('mid', [], 2));
    const list = await s.list();
    expect(list.map((x) => x.name)).toEqual(['new', 'mid', 'old']);
    expect(list[0]!.cellCount).toBe(2);
  });

  it('says which sample a notebook was opened from', async () => {
    const s = await open();
    const sample = SAMPLES[2]!.create();
    await s.put(sample);
    await s.put(newNotebook('mine', [], 2));
    const list = await s.list();
    expect(list.find((x) => x.id === sample.id)).toMatchObject({ name: SAMPLES[2]!.title, sample: SAMPLES[2]!.id });
    expect(list.find((x) => x.name === 'mine')!.sample).toBeUndefined();
  });

  it('deletes softly: hidden at once, restorable, purged after a day', async () => {
    let now = 1_000_000;
    const s = await open(() => now);
    const doc = newNotebook('gone');
    await s.put(doc);
    await s.delete(doc.id);
    expect(await s.get(doc.id)).toBeUndefined();
    expect(await s.list()).toEqual([]);
    expect(await s.restore(doc.id)).toEqual(doc);
    expect((await s.list()).map((x) => x.id)).toEqual([doc.id]);
    await s.delete(doc.id);
    now += 23 * 3600e3;
    expect(await s.purge()).toBe(0);
    now += 2 * 3600e3;
    expect(await s.purge()).toBe(1);
    expect(await s.restore(doc.id)).toBeUndefined();
  });

  it('survives closing and reopening the database', async () => {
    const name = `nb-test-${++n}`;
    const a = await NotebooksStore.open({ name });
    const doc = newNotebook('kept');
    await a.put(doc);
    a.close();
    const b = await NotebooksStore.open({ name });
    stores.push(b);
    expect(await b.get(doc.id)).toEqual(doc);
  });

  it('seeds the samples on the first visit only, and never leaves the list empty', async () => {
    const s = await open();
    const seed = () => [newNotebook('Walkthrough')];
    const blank = () => newNotebook('Untitled');
    expect((await s.ensureNotEmpty(seed, blank)).map((x) => x.name)).toEqual(['Walkthrough']);
    expect((await s.ensureNotEmpty(seed, blank)).map((x) => x.name)).toEqual(['Walkthrough']);
    const [only] = await s.list();
    await s.delete(only!.id);
    expect((await s.ensureNotEmpty(seed, blank)).map((x) => x.name)).toEqual(['Untitled']);
  });
});

describe('NotebooksStore.opening', () => {
  it('gives the first view its list, notebooks and meta in one go, seeding on the first visit only', async () => {
    const s = await open();
    const walkthrough = newNotebook('Walkthrough', [codeCell('1 + 1')]);
    const seed = () => [walkthrough];
    const blank = () => newNotebook('Untitled');
    const first = await s.opening(seed, blank, ['lastOpened', 'failedToRender']);
    expect(first.list.map((x) => x.name)).toEqual(['Walkthrough']);
    expect(first.docs.get(walkthrough.id)).toEqual(walkthrough);
    expect(first.meta).toEqual(
      new Map([
        ['lastOpened', undefined],
        ['failedToRender', undefined],
      ]),
    );
    expect(await s.get(walkthrough.id)).toEqual(walkthrough);

    const mine = newNotebook('mine', [], walkthrough.updatedAt + 1);
    await s.put(mine);
    await s.setMeta('lastOpened', mine.id);
    const later = await s.opening(seed, blank, ['lastOpened']);
    expect(later.list.map((x) => x.name)).toEqual(['mine', 'Walkthrough']);
    expect(later.meta.get('lastOpened')).toBe(mine.id);
    expect(later.docs.get(mine.id)).toEqual(mine);

    // Every notebook deleted: a blank one, not the walkthrough again.
    await s.delete(mine.id);
    await s.delete(walkthrough.id);
    const emptied = await s.opening(seed, blank, []);
    expect(emptied.list.map((x) => x.name)).toEqual(['Untitled']);
    expect([...emptied.docs.values()].map((d) => d.name)).toEqual(['Untitled']);
  });
});
