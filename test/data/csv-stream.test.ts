// readTable on big and streamed input: progress, yields and abort; URLs and paths; a File or a fetched
// body read in pieces (records, quotes and UTF-8 characters cut anywhere), typed from all its values.
import { describe, expect, it, vi, afterEach } from 'vitest';
import { resolve } from 'node:path';
import { readTable, isLocation, type Table } from '../../src/data/index';

import { col, columnsOf, dataErrorOf } from './table-helpers';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readTable: big input', () => {
  const bigText = () => {
    const lines = ['a,b,c'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i},${i * 0.5},${i % 7}`);
    return lines.join('\n');
  };

  it('reports progress with increasing fractions ending at 1', async () => {
    const seen: number[] = [];
    const df = await readTable(bigText(), { chunkSize: 16 * 1024, onProgress: (f) => seen.push(f) });
    expect(df.shape).toEqual([20_000, 3]);
    expect(seen.length).toBeGreaterThan(5);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(1);
  });

  it('yields to the event loop between chunks', async () => {
    // readTable on text: nothing else in it (no file read, no danfojs import) lets a timer run.
    const text = bigText();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    await readTable(text, { chunkSize: 8 * 1024 });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(2);
  });

  it('stops with an AbortError when aborted mid-parse', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const p = readTable(bigText(), {
      chunkSize: 16 * 1024,
      signal: controller.signal,
      onProgress: (f) => {
        seen.push(f);
        if (seen.length === 2) controller.abort();
      },
    });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(2);
  });

  it('rejects at once with an already-aborted signal', async () => {
    const signal = AbortSignal.abort();
    await expect(readTable('a\n1\n', { signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('readTable: addresses', () => {
  it('tells addresses from CSV text', () => {
    expect(isLocation('https://example.org/data.csv')).toBe(true);
    expect(isLocation('data/iris.csv')).toBe(true);
    expect(isLocation('data/iris.tsv?raw=1')).toBe(true);
    expect(isLocation('a,b\n1,2')).toBe(false);
    expect(isLocation('https://x.org/a.csv\n1')).toBe(false);
    expect(isLocation('a,b,c')).toBe(false);
  });

  it('fetches http(s) URLs with the signal', async () => {
    const fetchMock = vi.fn(async () => new Response('a,b\n1,2\n'));
    vi.stubGlobal('fetch', fetchMock);
    const df = await readTable('https://example.org/d.csv');
    expect(df.shape).toEqual([1, 2]);
    expect(String((fetchMock.mock.calls[0] as unknown[])[0])).toBe('https://example.org/d.csv');
  });

  it('says what went wrong with an HTTP error', async () => {
    vi.stubGlobal('fetch', async () => new Response('nope', { status: 404, statusText: 'Not Found' }));
    const e = await dataErrorOf(readTable(new URL('https://example.org/missing.csv')));
    expect(e.message).toBe('Could not load https://example.org/missing.csv: HTTP 404 Not Found. Check the address.');
  });

  it('mentions CORS when the request itself fails', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const e = await dataErrorOf(readTable('https://other.example/d.csv'));
    expect(e.message).toMatch(/^Could not load https:\/\/other\.example\/d\.csv: Failed to fetch\. .*\(CORS\)/);
  });

  it('names a missing local file', async () => {
    const e = await dataErrorOf(readTable('no/such/file.csv'));
    expect(e.message).toBe(`Could not read ${resolve('no/such/file.csv')}: no such file.`);
  });
});

describe('readTable: streamed files', () => {
  /** A Blob whose stream hands out `piece` bytes at a time, so records, quotes and characters are cut. */
  function pieces(bytes: Uint8Array, piece: number): Blob {
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    Object.defineProperty(blob, 'stream', {
      value: () =>
        new ReadableStream<Uint8Array>({
          start(c) {
            for (let at = 0; at < bytes.length; at += piece) c.enqueue(bytes.slice(at, at + piece));
            c.close();
          },
        }),
    });
    return blob;
  }
  const encode = (s: string) => new TextEncoder().encode(s);

  it.each([1, 2, 3, 7, 64])(
    'parses the same whatever the pieces (%i bytes), quotes, \\r\\n and UTF-8 cut included',
    async (piece) => {
      const text = 'name,text,n\r\n"a, b","two\r\nlines",1\r\nçà,"say ""hi""",2.5\r\n€uro,x,3\r\n';
      const whole = await readTable(text);
      const streamed = await readTable(pieces(encode(text), piece), { chunkSize: 5 });
      expect(streamed.columns).toEqual(whole.columns);
      expect(streamed.dtypes).toEqual(['string', 'string', 'float64']);
      expect(columnsOf(streamed)).toEqual(columnsOf(whole));
      expect(col(streamed, 'text')).toEqual(['two\r\nlines', 'say "hi"', 'x']);
    },
  );

  it('names the right line of a ragged row or a bad byte far into a streamed file', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 500; i++) lines.push(`${i},${i}`);
    const ragged = await dataErrorOf(
      readTable(pieces(encode([...lines, '1,2,3', ''].join('\n')), 97), { chunkSize: 100 }),
    );
    expect(ragged.message).toMatch(/^Line 502 has 3 fields; the header has 2\./);
    const bad = new Uint8Array([...encode(lines.join('\n') + '\ncaf'), 0xe9, ...encode(',1\n')]);
    const e = await dataErrorOf(readTable(new File([bad], 'latin1.csv')));
    expect(e.message).toMatch(/^"latin1\.csv" is not valid UTF-8 text \(the first undecodable byte is on line 502\)/);
    const cut = await dataErrorOf(readTable(pieces(bad, 64), { chunkSize: 50 }));
    expect(cut.message).toMatch(/on line 502\)/);
  });

  it('types a column from all its values, even when its decimals come late in a streamed file', async () => {
    const lines = ['x,y'];
    for (let i = 0; i < 3000; i++) lines.push(`${i},${i < 2500 ? i : i + 0.5}`);
    const t = await readTable(pieces(encode(lines.join('\n')), 1000), { chunkSize: 4096 });
    expect(t.dtypes).toEqual(['int64', 'float64']);
    expect(col(t, 'y').at(-1)).toBe(2999.5);
  });

  it('gets the original text back when a numeric column meets text late, from the file or fetched bytes', async () => {
    const lines = ['zip,n'];
    for (let i = 0; i < 3000; i++) lines.push(`0${1000 + i},${i}`);
    lines.push('K1A 0B1,3000', '"a,b",3001');
    const text = lines.join('\r\n');
    const check = (t: Table) => {
      expect(t.dtypes).toEqual(['string', 'int64']);
      expect(col(t, 'zip').slice(0, 2)).toEqual(['01000', '01001']);
      expect(col(t, 'zip').slice(2998)).toEqual(['03998', '03999', 'K1A 0B1', 'a,b']);
    };
    check(await readTable(pieces(encode(text), 333), { chunkSize: 1000 }));
    vi.stubGlobal('fetch', async () => new Response(new Blob([encode(text) as Uint8Array<ArrayBuffer>]).stream()));
    check(await readTable('https://example.org/zips.csv', { chunkSize: 1000 }));
  });

  it('reports progress by bytes read, ending at 1', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i},${i * 0.5}`);
    const seen: number[] = [];
    await readTable(pieces(encode(lines.join('\n')), 8192), { chunkSize: 16 * 1024, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(5);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
    expect(seen.at(-1)).toBe(1);
  });
});
