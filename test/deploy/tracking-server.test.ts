// `-m models:/name@alias` and `runs:/…` on an MLflow tracking server (the test suite's stand-in, with a
// bearer token as MLflow's auth expects): the model is logged there by autolog, registered and aliased,
// and the command line finds it through --tracking-uri or MLFLOW_TRACKING_URI, with
// MLFLOW_TRACKING_TOKEN, as MLflow's clients do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMlflowTestServer, type MlflowTestServer } from '../interop/mlflow-test-server';
import { Fluent } from '../../src/tracking/fluent';
import { modelApi } from '../../src/logged-model/api';
import { autolog } from '../../src/autolog/index';
import { LinearRegression } from '../../src/ml/index';
import '../../src/interop/rest/schemes';
import { wine } from '../autolog/helpers';
import { BIN } from './wine-model';

const run = promisify(execFile);
const TOKEN = 'deploy-token';
let server: MlflowTestServer;
let runId: string;
let work: string;
let expected: number[];

beforeAll(async () => {
  server = await startMlflowTestServer({ auth: { token: TOKEN } });
  const fluent = new Fluent('memory:deploy-tracking');
  fluent.setTrackingUri(server.url, { token: TOKEN, retries: 0 });
  const mlflow = Object.assign(fluent, modelApi(fluent));
  autolog(mlflow, { silent: true });
  const { X, y } = await wine();
  new LinearRegression().fit(X, y);
  await mlflow.flush();
  runId = mlflow.lastActiveRun()!.info.runId;
  await mlflow.registerModel(`runs:/${runId}/model`, 'wine');
  await mlflow.setRegisteredModelAlias('wine', 'champion', 1);
  const columns = X.columns.map(String);
  const rows = (X.values as number[][]).filter((_, i) => i % 50 === 0);
  expected = Array.from(
    (await mlflow.pyfunc.loadModel(`runs:/${runId}/model`)).predict(
      rows.map((r) => Object.fromEntries(columns.map((c, j) => [c, r[j]]))),
    ) as ArrayLike<number>,
  );
  work = await mkdtemp(join(tmpdir(), 'kiroku-deploy-remote-'));
  await writeFile(join(work, 'in.json'), JSON.stringify({ dataframe_split: { columns, data: rows } }));
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const kiroku = (args: string[], env: NodeJS.ProcessEnv) =>
  run(process.execPath, [BIN, ...args], { cwd: work, env: { PATH: process.env.PATH, ...env } });

async function predictions(file: string): Promise<number[]> {
  return (JSON.parse(await readFile(join(work, file), 'utf8')) as { predictions: number[] }).predictions;
}

describe('a model on a tracking server', () => {
  it('models:/name@alias through MLFLOW_TRACKING_URI and MLFLOW_TRACKING_TOKEN', async () => {
    await kiroku(['models', 'predict', '-m', 'models:/wine@champion', '-i', 'in.json', '-o', 'alias.json'], {
      MLFLOW_TRACKING_URI: server.url,
      MLFLOW_TRACKING_TOKEN: TOKEN,
    });
    const got = await predictions('alias.json');
    got.forEach((g, i) => expect(Math.abs(g - expected[i]!)).toBeLessThanOrEqual(1e-12));
  });

  it('runs:/ through --tracking-uri', async () => {
    await kiroku(
      [
        'models',
        'predict',
        '-m',
        `runs:/${runId}/model`,
        '--tracking-uri',
        server.url,
        '-i',
        'in.json',
        '-o',
        'run.json',
      ],
      { MLFLOW_TRACKING_TOKEN: TOKEN },
    );
    expect(await predictions('run.json')).toEqual(await predictions('alias.json'));
  });

  it('without the token, or without a server, the error says what is wrong', async () => {
    const denied = (await kiroku(['models', 'predict', '-m', 'models:/wine@champion', '-i', 'in.json'], {
      MLFLOW_TRACKING_URI: server.url,
    }).catch((e) => e)) as { code: number; stderr: string };
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/401|credentials|UNAUTHENTICATED|token/i);
    const none = (await kiroku(['models', 'predict', '-m', 'models:/wine@champion', '-i', 'in.json'], {}).catch(
      (e) => e,
    )) as { code: number; stderr: string };
    expect(none.stderr).toContain(
      "'models:/wine@champion' names a model on an MLflow tracking server, and none is set. Pass --tracking-uri " +
        'http://host:5000 or set MLFLOW_TRACKING_URI.',
    );
  });
});
