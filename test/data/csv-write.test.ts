// CSV out (the Predict page's download) and CSV previews (a run's CSV artifacts): the one tokenizer and
// sniffer, and a writer that neutralizes formula cells as OWASP recommends.
import { describe, expect, it } from 'vitest';
import { readTable, toTable } from '../../src/data/index';
import { toCSV, writeCSV, csvText } from '../../src/data/csv-write';
import { previewCSV } from '../../src/data/csv-preview';

describe('writing CSV', () => {
  it('writes numbers exactly, missing as empty, booleans as pandas does, and quotes what must be', async () => {
    const t = toTable({
      x: [0.1, NaN, -1.5e-300],
      n: [1, 2, 3],
      b: [true, null, false],
      s: ['a,b', 'say "hi"', 'two\nlines'],
    });
    const text = toCSV(t);
    expect(text).toBe('x,n,b,s\n0.1,1,True,"a,b"\n,2,,"say ""hi"""\n-1.5e-300,3,False,"two\nlines"\n');
    const back = await readTable(text);
    expect(back.dtypes).toEqual(['float64', 'int64', 'bool', 'string']);
    expect(back.values).toEqual(t.values);
  });

  it('neutralizes cells a spreadsheet would run as formulas, in text and names, but never numbers', () => {
    const t = toTable({
      '=cmd': ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx', '-1.5', 'plain'],
      v: [-1, -2.5, 3, 4, 5, 6, 7, 8],
    });
    expect(toCSV(t).split('\n')).toEqual([
      `"'=cmd",v`,
      `"'=HYPERLINK(""http://x"",""y"")",-1`,
      `"'+1+2",-2.5`,
      `"'-2+3",3`,
      `"'@SUM(A1)",4`,
      `"'\tx",5`,
      `"'\rx",6`,
      '-1.5,7',
      'plain,8',
      '',
    ]);
    expect(csvText('a;b', ';')).toBe('"a;b"');
  });

  it('writes a large table in chunks with progress, the same text as at once', async () => {
    const n = 50_000;
    const t = toTable({
      a: Array.from({ length: n }, (_, i) => i * 0.25),
      s: Array.from({ length: n }, (_, i) => (i % 2 ? '=x' : 'y')),
    });
    const seen: number[] = [];
    const blob = await writeCSV(t, { chunkRows: 7000, onProgress: (f) => seen.push(f) });
    expect(await blob.text()).toBe(toCSV(t));
    expect(seen).toHaveLength(Math.ceil(n / 7000));
    expect(seen.at(-1)).toBe(1);
  });
});

describe('CSV previews', () => {
  it('reads quoted fields, CRLF and a sniffed delimiter, as the reader does', () => {
    expect(previewCSV('a;b\r\n1;"x;""y"""\r\n2;\n')).toEqual({
      header: ['a', 'b'],
      rows: [
        ['1', 'x;"y"'],
        ['2', ''],
      ],
      truncated: false,
    });
    expect(previewCSV('\ufeffa,b\n1,2')).toEqual({ header: ['a', 'b'], rows: [['1', '2']], truncated: false });
    // The reader's sniffer: quoted commas do not fool it.
    expect(previewCSV('"a,b";"c,d"\n"1,5";"2,5"\n').header).toEqual(['a,b', 'c,d']);
  });

  it('stops at the row limit and at an unclosed quote, and says so', () => {
    const text = 'x\n' + Array.from({ length: 50 }, (_, i) => i).join('\n');
    const p = previewCSV(text, 10);
    expect(p.rows).toHaveLength(10);
    expect(p.truncated).toBe(true);
    expect(previewCSV('a\n1\n"oops\n2\n')).toEqual({ header: ['a'], rows: [['1']], truncated: true });
  });
});
