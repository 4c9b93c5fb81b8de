import { describe, expect, it, vi, afterEach } from 'vitest';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { readCSV, readTable, DEFAULT_NA_VALUES } from '../../src/data/index';

const WINE = resolve(__dirname, '../../../shared/data/winequality-red.csv');
const MIXED = resolve(__dirname, '../fixtures/csv/mixed.csv');

import { col, columnsOf, dataErrorOf } from './table-helpers';

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
  const rows = [
    ['name', 'x', 'y'],
    ['a', '1', '2.5'],
    ['b', '3', '4.5'],
  ];
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
    expect(columnsOf(df)).toEqual([
      [1, 3],
      [2.5, 4],
    ]);
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
    expect(col(df, 'note')).toEqual([
      'plain',
      'with, comma',
      'line one\nline two',
      'she said "hi"',
      null,
      'x',
      'y',
      'z',
    ]);
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
    expect(columnsOf(df)).toEqual([
      [1, 2],
      ['x', 'y'],
    ]);
    const e = await dataErrorOf(readTable('1,x\n2\n', { header: false }));
    expect(e.message).toMatch(/^Line 2 has 1 field; the first row has 2\./);
  });
});

describe('readTable: bad input', () => {
  it.each(['', '\n\n', '  \r\n'])('refuses an empty file (%j)', async (text) => {
    const e = await dataErrorOf(readTable(text));
    expect(e.code).toBe('EMPTY_FILE');
    expect(e.message).toBe(
      'The file is empty: the CSV text has no header line and no rows. Check that you picked the right file.',
    );
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
      'Line 7 has 11 fields; the header has 12. Check that line (and the one before it) for a missing or extra "," ' +
        'or an unclosed quote.',
    );
  });

  it('counts skipped blank lines in line numbers, and refuses rows that are too long', async () => {
    const e = await dataErrorOf(readTable('a,b\n\n1,2\n\n3,4,5\n'));
    expect(e.message).toMatch(/^Line 5 has 3 fields; the header has 2\./);
  });

  it('refuses bytes that are not UTF-8, naming the line', async () => {
    // "café" in Latin-1 on line 3.
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('name,n\nab,1\ncaf'),
      0xe9,
      ...new TextEncoder().encode(',2\n'),
    ]);
    const e = await dataErrorOf(readTable(new File([bytes], 'latin1.csv')));
    expect(e.code).toBe('INVALID_ENCODING');
    expect(e.message).toBe(
      '"latin1.csv" is not valid UTF-8 text (the first undecodable byte is on line 3). It was probably saved in ' +
        'another encoding such as Windows-1252 or Latin-1: save it again as UTF-8 (in Excel: "CSV UTF-8") and load ' +
        'it again.',
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
