// A Python user can act on a logged model: python/kiroku/kiroku_ml.py (the module the MLmodel's
// python_function flavor names as its loader_module) reads the folder Kiroku logged and predicts what
// Kiroku predicts. Runs Debian's python3 with numpy; missing, the test fails saying how to install it.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { Fluent } from '../../src/tracking/fluent';
import { modelApi } from '../../src/logged-model/api';
import { closeStores } from '../../src/tracking/uri';
import { toMatrix } from '../../src/data/frame';
import {
  ElasticNet,
  Lasso,
  LinearRegression,
  LogisticRegression,
  MinMaxScaler,
  Pipeline,
  Ridge,
  SimpleImputer,
  StandardScaler,
} from '../../src/ml/index';
import { wine } from '../autolog/helpers';

const PYTHON_PATH = resolve(__dirname, '../../python');
/** MLflow 2.x's load-time checks, rebuilt in Python (see the file). */
const CHECKS = resolve(__dirname, 'mlflow_load_checks.py');

/** A logged model's folder written to disk, as MLflow downloads it before loading. */
async function writeFolder(api: Fluent, runId: string, target: string): Promise<string> {
  await mkdir(target, { recursive: true });
  for (const f of await api.client().listArtifactFiles(runId, 'model')) {
    await writeFile(
      join(target, f.path.slice('model/'.length)),
      new Uint8Array(await (await api.getArtifact(runId, f.path)).arrayBuffer()),
    );
  }
  return target;
}

function findPython(): string {
  for (const p of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(p, ['-c', 'import numpy, yaml, packaging.requirements'], { stdio: 'ignore' }).status === 0) return p;
  }
  throw new Error(
    "This test runs python/kiroku/kiroku_ml.py (needs Python 3 with numpy) and MLflow's load-time checks (PyYAML " +
      'and packaging). ' +
      'Install them: sudo apt-get install -y python3-numpy python3-yaml python3-packaging',
  );
}

/** Predictions (and class probabilities) from Python for each model folder, on the same rows. */
function pythonPredictions(
  python: string,
  dirs: string[],
  rows: number[][],
): Array<{ predict: unknown[]; proba?: number[][] }> {
  const script = `
import json, sys
import numpy as np
from kiroku.kiroku_ml import _load_pyfunc
job = json.load(sys.stdin)
X = np.asarray(job["rows"], dtype=float)
out = []
for d in job["dirs"]:
    m = _load_pyfunc(d)
    r = {"predict": np.asarray(m.predict(X)).tolist()}
    if hasattr(m, "predict_proba") and (not hasattr(m, "steps") or hasattr(m.steps[-1][1], "predict_proba")):
        r["proba"] = np.asarray(m.predict_proba(X)).tolist()
    out.append(r)
print(json.dumps(out))
`;
  const r = spawnSync(python, ['-c', script], {
    input: JSON.stringify({ dirs, rows: rows.map((row) => row.map((v) => (Number.isNaN(v) ? null : v))) }),
    env: { ...process.env, PYTHONPATH: PYTHON_PATH },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('the Python reader of logged models (python/kiroku/kiroku_ml.py)', () => {
  let dir: string;
  let python: string;
  beforeAll(async () => {
    python = findPython();
    dir = await mkdtemp(join(tmpdir(), 'kiroku-py-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await closeStores();
  });

  it('predicts what Kiroku predicts for linear models, classifiers and pipelines, from the logged folder', async () => {
    const { X, y } = await wine();
    const quality = Array.from(y.values as number[]);
    const good = quality.map((q) => (q >= 6 ? 1 : 0));
    // Some missing cells, for the imputer.
    const raw = toMatrix(X);
    const rows = Array.from({ length: raw.rows }, (_, i) =>
      Array.from({ length: raw.cols }, (_, j) => ((i * 7 + j) % 41 === 0 ? NaN : raw.data[j * raw.rows + i]!)),
    );

    const models: Array<
      [
        string,
        { predict(x: unknown): unknown; predictProba?(x: unknown): number[][] },
        'regression' | 'classification',
        boolean,
      ]
    > = [
      ['elasticnet', new ElasticNet({ alpha: 0.02, l1Ratio: 0.5 }).fit(X, y), 'regression', false],
      ['ols', new LinearRegression().fit(X, y), 'regression', false],
      [
        'scaled-lasso',
        new Pipeline([
          ['scale', new MinMaxScaler()],
          ['lasso', new Lasso({ alpha: 0.001 })],
        ]).fit(X, y) as Pipeline,
        'regression',
        false,
      ],
      [
        'imputed-ridge',
        new Pipeline([
          ['impute', new SimpleImputer()],
          ['scale', new StandardScaler()],
          ['ridge', new Ridge({ alpha: 2 })],
        ]).fit(rows, quality) as Pipeline,
        'regression',
        true,
      ],
      [
        'binary-logistic',
        new Pipeline([
          ['scale', new StandardScaler()],
          ['clf', new LogisticRegression()],
        ]).fit(X, good) as Pipeline,
        'classification',
        false,
      ],
      [
        'multinomial-logistic',
        new Pipeline([
          ['scale', new StandardScaler()],
          ['clf', new LogisticRegression({ maxIter: 300 })],
        ]).fit(X, quality) as Pipeline,
        'classification',
        false,
      ],
    ];

    const fluent = new Fluent('memory:python-loader');
    const api = Object.assign(fluent, modelApi(fluent));
    const dirs: string[] = [];
    for (const [name, model] of models) {
      const info = await api.startRun({}, () => api.logModel(model as never, 'model'));
      const target = await writeFolder(api, info.runId, join(dir, name));
      // The folder tells Python (and MLflow) which module reads it.
      const mlmodel = parse(await (await api.getArtifact(info.runId, 'model/MLmodel')).text());
      expect(mlmodel.flavors.python_function.loader_module).toBe('kiroku.kiroku_ml');
      dirs.push(target);
    }

    const plain = rows.map((r) => r.map((v) => (Number.isNaN(v) ? 0 : v)));
    const fromPython = pythonPredictions(python, dirs, plain);
    const withGaps = pythonPredictions(python, [dirs[3]!], rows)[0]!;
    models.forEach(([name, model, kind, gaps], i) => {
      const py = gaps ? withGaps : fromPython[i]!;
      const input = gaps ? rows : plain;
      const expected = Array.from(model.predict(input) as ArrayLike<number>);
      if (kind === 'regression') {
        expect(py.predict.length, name).toBe(expected.length);
        expect(
          py.predict.every((v, k) => close(v as number, expected[k]!)),
          name,
        ).toBe(true);
      } else {
        expect(py.predict, name).toEqual(expected);
        const proba = model.predictProba!(input);
        expect(
          py.proba!.every((row, k) => row.every((p, c) => close(p, proba[k]![c]!))),
          name,
        ).toBe(true);
      }
    });
  });

  it("loads in MLflow's pyfunc.load_model with no warning: requirements met, python_version given", async () => {
    const { X, y } = await wine();
    const fluent = new Fluent('memory:python-warnings');
    const api = Object.assign(fluent, modelApi(fluent));
    const models = {
      enet: new ElasticNet({ alpha: 0.02 }).fit(X, y),
      pipeline: new Pipeline([
        ['scale', new StandardScaler()],
        ['ridge', new Ridge({ alpha: 1 })],
      ]).fit(X, y) as Pipeline,
    };
    const dirs: string[] = [];
    for (const [name, model] of Object.entries(models)) {
      const info = await api.startRun({}, () =>
        api.logModel(model as never, 'model', { inputExample: X, inputExampleRows: 5 }),
      );
      dirs.push(await writeFolder(api, info.runId, join(dir, `warnings-${name}`)));
    }
    const checks = (folders: string[], pythonPath = PYTHON_PATH) => {
      const r = spawnSync(python, [CHECKS, ...folders], {
        env: { ...process.env, PYTHONPATH: pythonPath },
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as Array<{ warnings: string[]; predicted: number }>;
    };
    expect(checks(dirs)).toEqual([
      { warnings: [], predicted: 5 },
      { warnings: [], predicted: 5 },
    ]);

    // The checks do warn, in MLflow's words, when what made them quiet is missing: a kiroku package
    // without __version__ (MLflow's check stops at it), a pin it does not meet, a JavaScript package
    // taken for a Python one, no python_version.
    const bare = join(dir, 'bare');
    await mkdir(join(bare, 'kiroku'), { recursive: true });
    await writeFile(join(bare, 'kiroku', '__init__.py'), '');
    await writeFile(join(bare, 'kiroku', 'kiroku_ml.py'), await readFile(join(PYTHON_PATH, 'kiroku', 'kiroku_ml.py')));
    expect(checks([dirs[0]!], bare)[0]!.warnings).toEqual([
      "Encountered an unexpected error (AttributeError(\"module 'kiroku' has no attribute '__version__'\")) while " +
        'detecting model dependency mismatches.',
    ]);
    const old = join(dir, 'old-format');
    await cp(dirs[0]!, old, { recursive: true });
    await writeFile(join(old, 'requirements.txt'), 'kiroku==0.0.1\nyaml==2.9.1\n');
    const mlmodel = parse(await readFile(join(old, 'MLmodel'), 'utf8'));
    delete mlmodel.flavors.python_function.python_version;
    await writeFile(join(old, 'MLmodel'), stringify(mlmodel));
    const [warned] = checks([old]);
    expect(warned!.warnings).toHaveLength(2);
    expect(warned!.warnings[0]).toMatch(
      new RegExp(
        "^Detected one or more mismatches between the model's dependencies and the current Python " +
          String.raw`environment:\n - kiroku \(current: 0\.1\.0, required: kiroku==0\.0\.1\)\n - yaml \(current: ` +
          String.raw`[\d.]+, required: yaml==2\.9\.1\)$`,
      ),
    );
    expect(warned!.warnings[1]).toMatch(
      new RegExp(
        String.raw`^The specified model does not have a specified Python version\. It may be incompatible with the ` +
          String.raw`version of Python that is currently running: Python 3\.\d+\.\d+$`,
      ),
    );
  });

  it('says what it cannot read yet, naming the estimator', () => {
    const r = spawnSync(
      python,
      [
        '-c',
        'from kiroku.kiroku_ml import from_json; from_json({"name": "MLPRegressor", "params": {"hiddenLayerSizes": ' +
          '[8]}, "state": {"weights": []}})',
      ],
      {
        env: { ...process.env, PYTHONPATH: PYTHON_PATH },
        encoding: 'utf8',
      },
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("NotImplementedError: No Python reader for Kiroku's 'MLPRegressor' yet");
  });
});
