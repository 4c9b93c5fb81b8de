// The web predictor in Node: the runtime built as the app builds it, the model put before it as the
// app's Deploy dialog does, written to a file and imported with nothing installed — predictions equal
// the model loaded in this process, the signature is enforced with MLflow's messages, and the module
// stays small and free of TensorFlow.js.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ElasticNet } from '../../src/ml/linear-model/elastic-net';
import type { ModelLocation } from '../../src/logged-model/model-source';
import { localModelLocation } from '../../src/deploy/model-files';
import { buildWebPredictorScripts, type WebPredictorScripts } from '../../src/deploy/web-predictor/build';
import { webPredictorModel, webPredictorModule, webPredictorPage } from '../../src/deploy/web-predictor/module';
import { exportedWineModel, type ExportedModel } from './wine-model';

let scripts: WebPredictorScripts;
let exported: ExportedModel;
let moduleText: string;
let moduleFile: string;
let predictor: { predict(input: unknown): number[]; signature: unknown; model: { uri: string } };

beforeAll(async () => {
  scripts = await buildWebPredictorScripts('9.9.9-test');
  exported = await exportedWineModel(new ElasticNet({ alpha: 0.02, l1Ratio: 0.5 }));
  const uri = `runs:/${exported.runId}/model`;
  moduleText = webPredictorModule(
    scripts.runtime,
    await webPredictorModel(uri, await localModelLocation(exported.modelDir)),
  );
  moduleFile = join(await mkdtemp(join(tmpdir(), 'kiroku-web-predictor-')), 'wine-predictor.mjs');
  await writeFile(moduleFile, moduleText);
  predictor = await import(/* @vite-ignore */ pathToFileURL(moduleFile).href);
}, 120_000);

describe('web predictor', () => {
  it('predicts what the loaded model predicts, from records, an object of columns and rows', () => {
    const expected = Array.from(exported.model.predict<Float64Array>(exported.records));
    expect(expected).toHaveLength(1599);
    const byRecords = predictor.predict(exported.records);
    expect(Array.isArray(byRecords)).toBe(true);
    expect(byRecords).toEqual(expected); // the same code on the same doubles: identical
    const columns = Object.fromEntries(exported.columns.map((c) => [c, exported.records.map((r) => r[c])]));
    expect(predictor.predict(columns)).toEqual(expected);
    const rows = exported.records.map((r) => exported.columns.map((c) => r[c]));
    expect(predictor.predict(rows)).toEqual(expected);
    expect(predictor.model.uri).toBe(`runs:/${exported.runId}/model`);
  });

  it('runs in plain Node from a folder with nothing installed', async () => {
    const script =
      `import { predict } from './wine-predictor.mjs'; ` +
      `console.log(JSON.stringify(predict(JSON.parse(process.argv[1]))));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', script, JSON.stringify(exported.records.slice(0, 20))],
      { cwd: join(moduleFile, '..') },
    );
    expect(JSON.parse(stdout)).toEqual(Array.from(exported.model.predict<Float64Array>(exported.records.slice(0, 20))));
  });

  it("enforces the signature with MLflow's messages", () => {
    const { alcohol: _dropped, ...rest } = exported.records[0]!;
    expect(() => predictor.predict([rest])).toThrow("Model is missing inputs ['alcohol'].");
    expect(() => predictor.predict([{ ...exported.records[0], alcohol: 'high' }])).toThrow(
      'Incompatible input types for column alcohol. Can not safely convert object to float64.',
    );
  });

  it('is one self-contained module under 30 KB gzip, without TensorFlow.js', () => {
    expect(moduleText).not.toMatch(/^\s*import\s/m);
    expect(moduleText).not.toMatch(/@tensorflow|tfjs-core|registerKernel/);
    const gzip = gzipSync(moduleText).length;
    console.log(JSON.stringify({ name: 'web-predictor-linear-gzip-bytes', value: gzip, raw: moduleText.length }));
    expect(gzip).toBeLessThan(30 * 1024);
  });

  it('refuses a model that needs TensorFlow.js, saying why', async () => {
    const folder = (files: Record<string, string>): ModelLocation => ({
      artifactPath: 'model',
      source: 'test',
      read: async (f) => new Blob([files[f] ?? '']),
    });
    const mlp = folder({
      MLmodel: 'flavors:\n  kiroku_ml: {data: model.json}\nmodel_uuid: x\nrun_id: r\nutc_time_created: t\n',
      'model.json': JSON.stringify({ name: 'Pipeline', state: { steps: [['mlp', { name: 'MLPRegressor' }]] } }),
    });
    await expect(webPredictorModel('runs:/r/model', mlp)).rejects.toThrow(
      'This model holds an MLP, which needs TensorFlow.js: it has no web predictor yet.',
    );
    const tfjs = folder({
      MLmodel:
        'flavors:\n  tfjs: {data: model.json}\n  python_function: {}\nmodel_uuid: x\nrun_id: r\nutc_time_created: t\n',
    });
    await expect(webPredictorModel('runs:/r/model', tfjs)).rejects.toThrow(
      "this model's flavor is tfjs, which has no web predictor yet",
    );
  });

  it('escapes what it writes into the page', () => {
    const page = webPredictorPage(
      scripts.demo,
      'const s = "</script><img src=x onerror=alert(1)>";',
      '<b>wine</b> predictor',
    );
    expect(page).toContain('&#60;b&#62;wine&#60;/b&#62; predictor');
    expect(page.match(/<\/script>/g)).toHaveLength(2); // the JSON holder's and the demo script's own
    // A URI that would end the module's first-line comment stays in it.
    const text = webPredictorModule('export const x = 1;', {
      uri: 'models:/a\u2028b\nc',
      flavor: 'kiroku_ml',
      conf: {},
      files: {},
      createdBy: 'test',
    });
    expect(text.split(/\r|\n|\u2028|\u2029/)[0]).toMatch(/^\/\/ Web predictor of models:\/a b c, made by test\./);
  });
});
