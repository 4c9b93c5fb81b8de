// The issue that made the Table: a danfojs frame typed from a sample declared wine-quality's "total
// sulfur dioxide" (whole numbers until line 1298) int32, the autologged model's signature said long,
// and predicting on other wine data was refused. Built the ways users build frames, the signature
// must say double, and the reloaded model must predict on new data exactly as the fitted one.
import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import * as dfd from 'danfojs';
import { ElasticNet } from '../../src/ml/index';
import { readCSV, readTable, toTable } from '../../src/data/index';
import { closeStores } from '../../src/tracking/uri';
import { autologged, WINE_PATH } from './helpers';

afterEach(async () => {
  await closeStores();
});

/** Other wine data: every value nudged off its grid, so sulfur dioxide has decimals everywhere. */
function otherWine(text: string): string {
  const [header, ...lines] = text.trim().split('\n');
  return [
    header,
    ...lines.slice(0, 300).map((l, i) =>
      l
        .split(';')
        .map((v, j) => (j === 11 ? v : String(Number(v) * (1 + ((i % 7) - 3) / 100) + 0.25)))
        .join(';'),
    ),
  ].join('\n');
}

describe('autolog on wine-quality frames built the ways users build them', () => {
  it('logs double for total sulfur dioxide; a reloaded model predicts on new data like the fitted one', async () => {
    const text = await readFile(WINE_PATH, 'utf8');
    const [head, ...lines] = text.trim().split('\n');
    const columns = head!.split(';').map((c) => c.replace(/"/g, ''));
    const rows = lines.map((l) => l.split(';').map(Number));
    const fromRows = new dfd.DataFrame(rows, { columns });
    expect(fromRows.dtypes[6]).toBe('int32'); // danfojs's guess from its first 500 rows
    const frames = { 'dfd.DataFrame(rows)': fromRows, readCSV: await readCSV(text), 'a Table': await readTable(text) };
    const newData = await readTable(otherWine(text));

    for (const [how, df] of Object.entries(frames)) {
      const mlflow = autologged();
      const t = toTable(df);
      const X = t.select(columns.slice(0, 11));
      const y = t.column('quality');
      // Fit on the frame itself (danfojs or Table), as a user would.
      const Xin = df instanceof dfd.DataFrame ? df.drop({ columns: ['quality'] }) : X;
      const model = new ElasticNet({ alpha: 0.02, l1Ratio: 0.5 }).fit(Xin, y);
      await mlflow.flush();
      const run = (await mlflow.searchRuns())[0]!;
      const mlmodel = parse(await (await mlflow.getArtifact(run.info.runId, 'model/MLmodel')).text());
      const inputs = JSON.parse(mlmodel.signature.inputs) as Array<{ name: string; type: string }>;
      expect(
        inputs.find((c) => c.name === 'total sulfur dioxide'),
        how,
      ).toEqual({ type: 'double', name: 'total sulfur dioxide', required: true });
      expect(inputs.find((c) => c.name === 'free sulfur dioxide')?.type, how).toBe('double');
      const dataset = JSON.parse(run.inputs.datasetInputs[0]!.dataset.schema!) as {
        mlflow_colspec: Array<{ name: string; type: string }>;
      };
      expect(dataset.mlflow_colspec.find((c) => c.name === 'total sulfur dioxide')?.type, how).toBe('double');

      const loaded = await mlflow.pyfunc.loadModel(`runs:/${run.info.runId}/model`);
      const fresh = newData.select(columns.slice(0, 11));
      expect(Array.from(loaded.predict<Float64Array>(fresh)), how).toEqual(Array.from(model.predict(fresh)));
      await closeStores();
    }
  });
});
