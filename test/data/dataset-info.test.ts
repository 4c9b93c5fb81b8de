import { describe, expect, it } from 'vitest';
import { readCSV, datasetInfo, datasetDigest, mlflowSchema, DIGEST_MAX_ROWS } from '../../src/data/index';
import type { DatasetInfo } from '../../src/tracking/entities';

const TEXT = 'alcohol,quality,colour,organic\n9.4,5,red,true\n9.8,5,red,false\n10.2,6,white,\n';

describe('datasetInfo', () => {
  it('describes a frame as mlflow.data does: digest, colspec schema, profile', async () => {
    const df = await readCSV(TEXT);
    const info: DatasetInfo = await datasetInfo(df, {
      name: 'wine',
      source: '{"url": "https://example.org/wine.csv"}',
      sourceType: 'http',
    });
    expect(info.name).toBe('wine');
    expect(info.sourceType).toBe('http');
    expect(info.source).toBe('{"url": "https://example.org/wine.csv"}');
    expect(info.digest).toMatch(/^[0-9a-f]{8}$/);
    expect(JSON.parse(info.schema!)).toEqual({
      mlflow_colspec: [
        { type: 'double', name: 'alcohol', required: true },
        { type: 'long', name: 'quality', required: true },
        { type: 'string', name: 'colour', required: true },
        { type: 'boolean', name: 'organic', required: false },
      ],
    });
    expect(JSON.parse(info.profile!)).toEqual({ num_rows: 3, num_elements: 12 });
  });

  it('defaults like mlflow.data.from_pandas: name "dataset", source type "code"', async () => {
    const info = await datasetInfo(await readCSV(TEXT));
    expect(info).toMatchObject({ name: 'dataset', sourceType: 'code', source: '{}' });
  });
});

describe('datasetDigest', () => {
  it('is stable: the same content gives the same digest, however it was loaded', async () => {
    const a = await datasetDigest(await readCSV(TEXT));
    const b = await datasetDigest(await readCSV(new Blob([TEXT.replaceAll(',', ';')])));
    expect(a).toBe(b);
    expect(await datasetDigest(await readCSV(TEXT))).toBe(a);
  });

  it('changes with any cell, a column name, a dtype, or the row count', async () => {
    const base = await datasetDigest(await readCSV(TEXT));
    const variants = [
      TEXT.replace('9.8', '9.9'), // a value
      TEXT.replace('white', 'whit'), // a string
      TEXT.replace('false', 'true'), // a boolean
      TEXT.replace('true\n', '\n'), // a missing value
      TEXT.replace('alcohol', 'Alcohol'), // a name
      TEXT.replace(',5,red,true', ',5.5,red,true'), // quality becomes float (dtype and value)
      TEXT + '9.4,5,red,true\n', // one more row
    ];
    const digests = await Promise.all(variants.map(async (t) => datasetDigest(await readCSV(t))));
    for (const d of digests) expect(d).not.toBe(base);
    expect(new Set(digests).size).toBe(digests.length);
  });

  it('tells a missing cell from the text "null"', async () => {
    const missing = await datasetDigest(await readCSV('s\nnull\nx\n'));
    const text = await datasetDigest(await readCSV('s\nnull\nx\n', { naValues: [] }));
    expect(missing).not.toBe(text);
  });

  it(`hashes the first ${DIGEST_MAX_ROWS} rows and the row count, as MLflow does`, async () => {
    const rows = (last: number) =>
      ['x', ...Array.from({ length: DIGEST_MAX_ROWS + 5 }, (_, i) => String(i)), String(last)].join('\n');
    const a = await datasetDigest(await readCSV(rows(1)));
    const b = await datasetDigest(await readCSV(rows(2)));
    expect(a).toBe(b);
  });
});

describe('mlflowSchema', () => {
  it('maps danfojs dtypes to MLflow types and marks columns with gaps optional', async () => {
    const df = await readCSV('i,f,g,s\n1,1.5,2,x\n2,2.5,,\n');
    expect(mlflowSchema(df).mlflow_colspec).toEqual([
      { type: 'long', name: 'i', required: true },
      { type: 'double', name: 'f', required: true },
      { type: 'double', name: 'g', required: false },
      { type: 'string', name: 's', required: false },
    ]);
  });
});
