// The web predictor (Deploy → "Download web predictor"): its size, gzip level 9 as static hosts serve it,
// for an ElasticNet and a StandardScaler + ElasticNet pipeline autologged on wine-quality (the budget for
// a linear model is 30 KB gzip), and the time its predict takes for the 1,599 wine rows as records beside
// the app's `pyfunc.loadModel(…).predict` on the same records, in this process. Reported, never judged.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { report, timeIt } from './report';
import { Fluent } from '../src/tracking/fluent';
import { modelApi } from '../src/logged-model/api';
import { autolog } from '../src/autolog/index';
import { runLocation } from '../src/logged-model/model-source';
import { ElasticNet, Pipeline, StandardScaler } from '../src/ml/index';
import { readCSV } from '../src/data/csv';
import { toTable } from '../src/data/table-from';
import { buildWebPredictorScripts } from '../src/deploy/web-predictor/build';
import { webPredictorModel, webPredictorModule } from '../src/deploy/web-predictor/module';

const ROOT = resolve(import.meta.dirname, '..');
const df = await readCSV(await readFile(resolve(ROOT, '../shared/data/winequality-red.csv'), 'utf8'));
const X = df.drop({ columns: ['quality'] });
const records = toTable(X).toRecords();
const fluent = new Fluent('memory:bench-web-predictor');
const mlflow = Object.assign(fluent, modelApi(fluent));
const { runtime } = await buildWebPredictorScripts('bench');
const work = await mkdtemp(join(tmpdir(), 'kiroku-bench-web-predictor-'));

const models = {
  ElasticNet: () => new ElasticNet({ alpha: 0.02, l1Ratio: 0.5 }),
  'StandardScaler+ElasticNet': () =>
    new Pipeline([
      ['scale', new StandardScaler()],
      ['enet', new ElasticNet({ alpha: 0.02 })],
    ]),
};
for (const [name, make] of Object.entries(models)) {
  autolog(mlflow, { silent: true });
  make().fit(X, df.column('quality'));
  await mlflow.flush();
  const runId = mlflow.lastActiveRun()!.info.runId;
  const uri = `runs:/${runId}/model`;
  const text = webPredictorModule(runtime, await webPredictorModel(uri, runLocation(mlflow.client(), runId, 'model')));
  const file = join(work, `${name}.mjs`);
  await writeFile(file, text);
  const predictor = (await import(pathToFileURL(file).href)) as { predict(x: unknown): number[] };
  // Predictions of an autologged class are watched (for metrics of them); the web predictor has no autolog.
  autolog(mlflow, { disable: true });
  const loaded = await mlflow.pyfunc.loadModel(uri);
  const web = await timeIt(() => predictor.predict(records), 25);
  const app = await timeIt(() => loaded.predict(records), 25);
  report({
    bench: 'web-predictor',
    model: name,
    bytes: text.length,
    gzipBytes: gzipSync(text, { level: 9 }).length,
    budgetGzipBytes: 30 * 1024,
  });
  report({
    bench: 'web-predictor-predict',
    model: name,
    rows: records.length,
    input: 'records',
    webPredictorMs: web.medianMs,
    appPyfuncMs: app.medianMs,
  });
}
