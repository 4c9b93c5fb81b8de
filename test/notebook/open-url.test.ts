// `#/open?url=…`: what each answer of another host becomes — a notebook, a small notebook reading a
// CSV — and the message for each refusal (no CORS, an HTTP error, something else, a bad address).
import { describe, expect, it } from 'vitest';
import { newNotebook, codeCell, toIpynb, type CodeCell } from '../../src/notebook/document';
import { openFromUrl } from '../../src/notebook/open-url';

function answer(body: string, init: ResponseInit = {}): typeof fetch {
  return (async () => new Response(body, init)) as typeof fetch;
}

async function message(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return (err as Error).message;
  }
  return 'opened';
}

describe('openFromUrl', () => {
  it('opens an .ipynb by name or by JSON type, named after the file', async () => {
    const ipynb = JSON.stringify({ ...toIpynb(newNotebook('x', [codeCell('1 + 1')])), metadata: {} });
    const byName = await openFromUrl(
      'https://host.example/dir/lesson%201.ipynb',
      answer(ipynb, { headers: { 'content-type': 'text/plain' } }),
    );
    expect(byName.name).toBe('lesson 1');
    expect(byName.cells.map((c) => c.source)).toEqual(['1 + 1']);
    const byType = await openFromUrl(
      'https://host.example/api/notebook?id=3',
      answer(ipynb, { headers: { 'content-type': 'application/json' } }),
    );
    expect(byType.cells).toHaveLength(1);
  });

  it('makes a CSV a notebook that reads it with readCSV when run', async () => {
    const url = 'https://data.example/wine/red.csv?raw=1';
    const doc = await openFromUrl(url, answer('a;b\n1;2\n', { headers: { 'content-type': 'text/csv' } }));
    expect(doc.name).toBe('red.csv');
    expect(doc.cells.map((c) => c.type)).toEqual(['markdown', 'code']);
    expect((doc.cells[1] as CodeCell).source).toBe(`const df = await readCSV("${url}");\ndescribe(df)`);
    expect((doc.cells[1] as CodeCell).outputs).toEqual([]);
  });

  it('says what went wrong when the file cannot be opened', async () => {
    const refused: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await message(openFromUrl('https://nocors.example/a.ipynb', refused))).toBe(
      'Could not fetch https://nocors.example/a.ipynb: the host is unreachable, or it does not allow other sites ' +
        'to read the file (it sends no CORS header such as Access-Control-Allow-Origin). Download the file and ' +
        'open it with "Import .ipynb" or the Files panel instead.',
    );
    expect(
      await message(
        openFromUrl('https://host.example/a.ipynb', answer('no', { status: 404, statusText: 'Not Found' })),
      ),
    ).toBe('Could not fetch https://host.example/a.ipynb: the host answered 404 Not Found.');
    expect(
      await message(
        openFromUrl(
          'https://host.example/page',
          answer('<!doctype html><p>hi', { headers: { 'content-type': 'text/html' } }),
        ),
      ),
    ).toBe('page is neither a notebook (.ipynb) nor a CSV file: Kiroku opens those two from a link.');
    expect(await message(openFromUrl('https://host.example/a.ipynb', answer('{"cells": [], "nbformat": 3}')))).toBe(
      'a.ipynb is not a notebook Kiroku can read: unsupported nbformat 3: Kiroku reads nbformat 4.',
    );
    expect(await message(openFromUrl('https://host.example/a.ipynb', answer('{ nope')))).toMatch(
      /^a\.ipynb is not a notebook Kiroku can read: not JSON \(/,
    );
    expect(await message(openFromUrl('lesson.ipynb', answer('')))).toBe(
      '"lesson.ipynb" is not a web address: give the full address of an .ipynb or a .csv file, starting with https://.',
    );
    expect(await message(openFromUrl('javascript:alert(1)', answer('')))).toBe(
      'Kiroku opens files from http(s) addresses only, not javascript: ones.',
    );
    expect(await message(openFromUrl(null, answer('')))).toMatch(/^This link names no file to open/);
  });
});
