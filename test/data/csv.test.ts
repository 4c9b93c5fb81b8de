import { describe, expect, it, vi, afterEach } from 'vitest';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { readCSV, readTable, DEFAULT_NA_VALUES, isLocation, Table } from '../../src/data/index';
import { DataError } from '../../src/lib/errors';

const WINE = resolve(__dirname, '../../../shared/data/winequality-red.csv');
const MIXED = resolve(__dirname, '../fixtures/csv/mixed.csv');

/** A column's values as a plain array (numeric columns are Float64Arrays). */
const col = (t: Table, name: string) => Array.from(t.column(name) as ArrayLike<unknown>);
const columnsOf = (t: Table) => t.data.map((c) => Array.from(c as ArrayLike<unknown>));

/** The DataError a promise rejects with (fails the test when it resolves or rejects otherwise). */
async function dataErrorOf(p: Promise<unknown>): Promise<DataError> {
  const e = await p.then(
    () => { throw new Error('expected a DataError, but it resolved'); },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DataError);
  return e as DataError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readTable: the UCI wine-quality file', () => {
  it('parses 1599 rows × 12 columns with unquoted names, dtypes and values', async () => {
    const df = await readTable(new Blob([await readFile(WINE)]));
    expect(df.shape).toEqual([1599, 12]);
    expect(df.columns.slice(0, 3)).toEqual(['fixed acidity', 'volatile acidity', 'citric acid']);
    expect(df.columns[11]).toBe('quality');
    // total sulfur dioxide's first decimal is on line 1298: typed from all values, it is float64.
    expect(df.dtypes).toEqual([...Array(11).fill('float64'), 'int64']);
    // First line: 7.4;0.7;0;1.9;0.076;11;34;0.9978;3.51;0.56;9.4;5
    expect(columnsOf(df).map((c) => c[0])).toEqual([7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, 9.4, 5]);
    // Last line: 6;0.31;0.47;3.6;0.067;18;42;0.99549;3.39;0.66;11;6
    expect(columnsOf(df).map((c) => c[1598])).toEqual([6, 0.31, 0.47, 3.6, 0.067, 18, 42, 0.99549, 3.39, 0.66, 11, 6]);
  });

  it('reads the same from a path string, a file: URL and a File', async () => {
    const fromPath = await readTable('../shared/data/winequality-red.csv');
    const fromUrl = await readTable(pathToFileURL(WINE));
    const fromFile = await readTable(new File([await readFile(WINE)], 'winequality-red.csv'));
    for (const df of [fromPath, fromUrl, fromFile]) {
      expect(df.shape).toEqual([1599, 12]);
      expect(col(df, 'alcohol')[1598]).toBe(11);
    }
  });
});

describe('readTable: delimiters', () => {
  const rows = [['name', 'x', 'y'], ['a', '1', '2.5'], ['b', '3', '4.5']];
  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('sniffs %j (%s)', async (d) => {
    const df = await readTable(rows.map((r) => r.join(d)).join('\n'));
    expect(df.columns).toEqual(['name', 'x', 'y']);
    expect(col(df, 'y')).toEqual([2.5, 4.5]);
  });

  it('ignores delimiters inside quotes when sniffing', async () => {
    // Commas in every quoted field, but the table is separated by semicolons.
    const df = await readTable('"a,b";"c,d"\n"1,5";"2,5"\n"3,5";"4,5"\n');
    expect(df.columns).toEqual(['a,b', 'c,d']);
    expect(col(df, 'a,b')).toEqual(['1,5', '3,5']);
  });

  it('prefers the delimiter that splits every line the same way', async () => {
    // Tab-separated with commas inside unquoted text.
    const df = await readTable('id\ttext\n1\tone, two\n2\tthree, four, five\n');
    expect(df.columns).toEqual(['id', 'text']);
    expect(col(df, 'text')).toEqual(['one, two', 'three, four, five']);
  });

  it('takes an explicit delimiter over the sniffed one', async () => {
    const df = await readTable('a;b,c\n1;2,3\n', { delimiter: ',' });
    expect(df.columns).toEqual(['a;b', 'c']);
  });

  it('refuses a delimiter that is not one character', async () => {
    const e = await dataErrorOf(readTable('a,b\n1,2\n', { delimiter: ';;' }));
    expect(e.message).toBe(
      'Invalid delimiter ";;": use one character other than a quote or a line break, such as "," ";" "\\t" or "|".',
    );
  });
});

describe('readTable: quoting', () => {
  it('keeps embedded delimiters, newlines (\\n and \\r\\n) and doubled quotes', async () => {
    const text = 'id,text,n\r\n1,"a, b",1\r\n2,"two\r\nlines",2\r\n3,"say ""hi""",3\r\n4,"",4\r\n5,"x""",5\r\n';
    const df = await readTable(text);
    expect(df.shape).toEqual([5, 3]);
    expect(col(df, 'text')).toEqual(['a, b', 'two\r\nlines', 'say "hi"', null, 'x"']);
    expect(col(df, 'n')).toEqual([1, 2, 3, 4, 5]);
  });

  it('unquotes numbers, and handles a lone \\r as a line end and a last line without one', async () => {
    const df = await readTable('"a","b"\r"1","2.5"\r3,4');
    expect(df.dtypes).toEqual(['int64', 'float64']);
    expect(columnsOf(df)).toEqual([[1, 3], [2.5, 4]]);
  });

  it('counts lines inside quoted fields when naming a bad line', async () => {
    const e = await dataErrorOf(readTable('a,b\n1,"x\ny"\n2\n'));
    expect(e.message).toMatch(/^Line 4 has 1 field; the header has 2\./);
  });

  it('says where an unclosed quote starts', async () => {
    const e = await dataErrorOf(readTable('a,b\n1,2\n3,"oops\n4,5\n'));
    expect(e.code).toBe('UNCLOSED_QUOTE');
    expect(e.message).toBe(
      'The quoted field that starts on line 3 is never closed: the file ends inside it. ' +
        'Add the missing closing quote (") or remove the stray opening one.',
    );
  });
});

describe('readTable: types and missing values', () => {
  it('infers int, float, boolean and string columns from the mixed fixture', async () => {
    const df = await readTable(new Blob([await readFile(MIXED)]));
    expect(df.columns).toEqual(['id', 'score', 'city', 'flag', 'visits', 'note']);
    // visits is integral but has a gap, so it becomes float as in pandas.
    expect(df.dtypes).toEqual(['int64', 'float64', 'string', 'bool', 'float64', 'string']);
    expect(col(df, 'score')).toEqual([3.5, NaN, NaN, 7.25, -100, 0.125, NaN, 12]);
    expect(col(df, 'city')).toEqual(['Lisbon', 'Porto', 'Lisbon', null, 'Faro', 'Porto', 'Lisbon', 'Braga']);
    expect(col(df, 'flag')).toEqual([true, false, true, false, true, null, false, true]);
    expect(col(df, 'visits')).toEqual([10, 12, NaN, 7, 3, 5, 8, 9]);
    expect(col(df, 'note')).toEqual(['plain', 'with, comma', 'line one\nline two', 'she said "hi"', null, 'x', 'y', 'z']);
  });

  it('treats each default missing marker as missing, in numeric and string columns', async () => {
    const markers = DEFAULT_NA_VALUES;
    const text = ['n,s', ...markers.map((m) => `"${m}","${m}"`), '1.5,x'].join('\n');
    const df = await readTable(text);
    expect(df.dtypes).toEqual(['float64', 'string']);
    expect(col(df, 'n')).toEqual([...markers.map(() => NaN), 1.5]);
    expect(col(df, 's')).toEqual([...markers.map(() => null), 'x']);
  });

  it('makes an all-missing column float, like pandas', async () => {
    const df = await readTable('a,b\n1,\n2,NA\n');
    expect(df.dtypes).toEqual(['int64', 'float64']);
    expect(col(df, 'b')).toEqual([NaN, NaN]);
  });

  it('replaces the missing markers with naValues (spread DEFAULT_NA_VALUES to extend)', async () => {
    const text = 'hp,code\n130,NA\n?,NB\n95,NA\n';
    const strict = await readTable(text, { naValues: [...DEFAULT_NA_VALUES, '?'] });
    expect(strict.dtypes).toEqual(['float64', 'string']); // an integer column with a gap is float
    expect(col(strict, 'hp')).toEqual([130, NaN, 95]);
    expect(col(strict, 'code')).toEqual([null, 'NB', null]);
    const literal = await readTable(text, { naValues: ['?'] });
    expect(col(literal, 'code')).toEqual(['NA', 'NB', 'NA']);
  });

  it('checks numeric-looking markers (-999) against numbers too', async () => {
    const df = await readTable('t\n12.5\n-999\n13\n', { naValues: ['-999'] });
    expect(col(df, 't')).toEqual([12.5, NaN, 13]);
  });

  it('reads true/false in any letter case as booleans', async () => {
    const df = await readTable('b,mixed\nTrue,true\nFALSE,1\nfalse,false\ntrue,\n');
    expect(df.dtypes).toEqual(['bool', 'string']);
    expect(col(df, 'b')).toEqual([true, false, false, true]);
    expect(col(df, 'mixed')).toEqual(['true', '1', 'false', null]);
  });

  it('keeps the original text of earlier cells when a numeric column meets text', async () => {
    const lines = ['zip,n'];
    for (let i = 0; i < 3000; i++) lines.push(`0${1000 + i},${i}`);
    lines.push('K1A 0B1,3000', ',3001', '1.50,3002');
    const df = await readTable(lines.join('\n'), { chunkSize: 1000 });
    expect(df.dtypes).toEqual(['string', 'int64']);
    const zip = col(df, 'zip');
    expect(zip.slice(0, 2)).toEqual(['01000', '01001']);
    expect(zip.slice(-3)).toEqual(['K1A 0B1', null, '1.50']);
  });

  it('parses signs, exponents, leading dots, spaces and infinities like pandas', async () => {
    const df = await readTable('v\n-1.5e3\n.5\n5.\n+7\n 42 \ninf\n-Infinity\n1e400\n0.1\n');
    expect(df.dtypes).toEqual(['float64']);
    expect(col(df, 'v')).toEqual([-1500, 0.5, 5, 7, 42, Infinity, -Infinity, Infinity, 0.1]);
  });

  it('keeps integers beyond int32 as int64, and beyond 2^53 (not exact as doubles) as float64', async () => {
    const df = await readTable('id,big\n3000000000,9007199254740993\n1,1\n');
    expect(df.dtypes).toEqual(['int64', 'float64']);
    expect(col(df, 'id')).toEqual([3000000000, 1]);
  });
});

describe('readTable: headers', () => {
  it('makes duplicate and empty names unique as pandas does', async () => {
    const df = await readTable(',a,a, b ,a.1,a\n0,1,2,3,4,5\n');
    expect(df.columns).toEqual(['Unnamed: 0', 'a', 'a.2', 'b', 'a.1', 'a.3']);
  });

  it('names columns 0, 1, … without a header row', async () => {
    const df = await readTable('1,x\n2,y\n', { header: false });
    expect(df.columns).toEqual(['0', '1']);
    expect(columnsOf(df)).toEqual([[1, 2], ['x', 'y']]);
    const e = await dataErrorOf(readTable('1,x\n2\n', { header: false }));
    expect(e.message).toMatch(/^Line 2 has 1 field; the first row has 2\./);
  });
});

describe('readTable: bad input', () => {
  it.each(['', '\n\n', '  \r\n'])('refuses an empty file (%j)', async (text) => {
    const e = await dataErrorOf(readTable(text));
    expect(e.code).toBe('EMPTY_FILE');
    expect(e.message).toBe('The file is empty: the CSV text has no header line and no rows. Check that you picked the right file.');
  });

  it('names the file when it is empty', async () => {
    const e = await dataErrorOf(readTable(new File([], 'data.csv')));
    expect(e.message).toMatch(/^The file is empty: "data\.csv" has no header line/);
  });

  it('refuses a header-only file, listing its columns', async () => {
    const e = await dataErrorOf(readTable(new File(['a;b;c;d;e;f\n'], 'h.csv')));
    expect(e.code).toBe('NO_ROWS');
    expect(e.message).toBe(
      '"h.csv" has a header line (6 columns: "a", "b", "c", "d", "e", …) but no data rows. ' +
        'Add rows below the header, or check that you picked the right file.',
    );
  });

  it('names the line and the counts of a ragged row', async () => {
    const lines = ['a,b,c,d,e,f,g,h,i,j,k,l'];
    for (let i = 0; i < 5; i++) lines.push(Array(12).fill(i).join(','));
    lines.push(Array(11).fill(9).join(','));
    const e = await dataErrorOf(readTable(lines.join('\n')));
    expect(e.code).toBe('RAGGED_ROW');
    expect(e.message).toBe(
      'Line 7 has 11 fields; the header has 12. Check that line (and the one before it) for a missing or extra "," or an unclosed quote.',
    );
  });

  it('counts skipped blank lines in line numbers, and refuses rows that are too long', async () => {
    const e = await dataErrorOf(readTable('a,b\n\n1,2\n\n3,4,5\n'));
    expect(e.message).toMatch(/^Line 5 has 3 fields; the header has 2\./);
  });

  it('refuses bytes that are not UTF-8, naming the line', async () => {
    // "café" in Latin-1 on line 3.
    const bytes = new Uint8Array([...new TextEncoder().encode('name,n\nab,1\ncaf'), 0xe9, ...new TextEncoder().encode(',2\n')]);
    const e = await dataErrorOf(readTable(new File([bytes], 'latin1.csv')));
    expect(e.code).toBe('INVALID_ENCODING');
    expect(e.message).toBe(
      '"latin1.csv" is not valid UTF-8 text (the first undecodable byte is on line 3). It was probably saved in ' +
        'another encoding such as Windows-1252 or Latin-1: save it again as UTF-8 (in Excel: "CSV UTF-8") and load it again.',
    );
  });

  it('drops a UTF-8 BOM (bytes or text) so the first column name is clean', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('größe,b\n1,2\n')]);
    expect((await readTable(new Blob([bom]))).columns).toEqual(['größe', 'b']);
    expect((await readTable('\uFEFFx,y\n1,2\n')).columns).toEqual(['x', 'y']);
  });

  it('decodes UTF-16 text with a BOM (Excel "Unicode text")', async () => {
    const text = 'naïve\tb\n1\t2\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    const df = await readTable(new Blob([bytes]));
    expect(df.columns).toEqual(['naïve', 'b']);
  });

  it('refuses a value that is no source', async () => {
    const e = await dataErrorOf(readTable(42 as unknown as string));
    expect(e.message).toBe("Can't read data from a number; pass a File, a Blob, a URL, or CSV text.");
  });
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
      value: () => new ReadableStream<Uint8Array>({
        start(c) {
          for (let at = 0; at < bytes.length; at += piece) c.enqueue(bytes.slice(at, at + piece));
          c.close();
        },
      }),
    });
    return blob;
  }
  const encode = (s: string) => new TextEncoder().encode(s);

  it.each([1, 2, 3, 7, 64])('parses the same whatever the pieces (%i bytes), quotes, \\r\\n and UTF-8 cut included', async (piece) => {
    const text = 'name,text,n\r\n"a, b","two\r\nlines",1\r\nçà,"say ""hi""",2.5\r\n€uro,x,3\r\n';
    const whole = await readTable(text);
    const streamed = await readTable(pieces(encode(text), piece), { chunkSize: 5 });
    expect(streamed.columns).toEqual(whole.columns);
    expect(streamed.dtypes).toEqual(['string', 'string', 'float64']);
    expect(columnsOf(streamed)).toEqual(columnsOf(whole));
    expect(col(streamed, 'text')).toEqual(['two\r\nlines', 'say "hi"', 'x']);
  });

  it('names the right line of a ragged row or a bad byte far into a streamed file', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 500; i++) lines.push(`${i},${i}`);
    const ragged = await dataErrorOf(readTable(pieces(encode([...lines, '1,2,3', ''].join('\n')), 97), { chunkSize: 100 }));
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

  it('gets the original text back when a numeric column meets text late, by reading the file or the fetched bytes again', async () => {
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

describe('readCSV: a danfojs DataFrame typed as the Table is', () => {
  it('gives danfojs the dtypes of all the values (int32/float32/boolean/string) and the same values', async () => {
    const lines = ['n,late,b,s'];
    for (let i = 0; i < 1200; i++) lines.push(`${i},${i < 1100 ? i : i + 0.25},${i % 2 === 0},s${i}`);
    const df = await readCSV(lines.join('\n'));
    expect(df.dtypes).toEqual(['int32', 'float32', 'boolean', 'string']);
    expect(df.shape).toEqual([1200, 4]);
    expect(df.column('late').values.at(-1)).toBe(1199.25);
    expect(df.column('b').values.slice(0, 2)).toEqual([true, false]);
  });
});
