// A model as a user gets one: autolog a fit on the wine data, export the runs as an mlruns zip (the
// app's "Export MLflow runs"), unzip it; plus the in-process predictions every served answer must match.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { unzipSync } from 'fflate';
import { exportMlruns } from '../../src/interop/mlruns/export';
import type { PyFuncModel } from '../../src/logged-model/pyfunc';
import { autologged, wine } from '../autolog/helpers';

export const BIN = join(__dirname, '../../bin/kiroku.mjs');

export interface ExportedModel {
  runId: string;
  /** The unzipped mlruns folder. */
  mlruns: string;
  /** The model's folder in it. */
  modelDir: string;
  zipPath: string;
  /** The model loaded in this process from the run. */
  model: PyFuncModel;
  columns: string[];
  /** Every wine row as records. */
  records: Array<Record<string, number>>;
}

/** Autolog `fit(estimator)` on wine, export and unzip the runs, and load the model from the run. */
export async function exportedWineModel(estimator: { fit(X: unknown, y: unknown): unknown }): Promise<ExportedModel> {
  const mlflow = autologged();
  const { X, y } = await wine();
  estimator.fit(X, y);
  await mlflow.flush();
  const runId = mlflow.lastActiveRun()!.info.runId;
  const zip = await exportMlruns(mlflow.client());
  const root = await mkdtemp(join(tmpdir(), 'kiroku-deploy-'));
  const zipPath = join(root, 'mlruns.zip');
  await writeFile(zipPath, zip);
  const mlruns = join(root, 'mlruns');
  let modelDir = '';
  for (const [path, bytes] of Object.entries(unzipSync(zip))) {
    const target = join(mlruns, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
    if (path.endsWith(`${runId}/artifacts/model/MLmodel`)) modelDir = dirname(target);
  }
  if (!modelDir) throw new Error(`the export has no model folder for run ${runId}`);
  const model = await mlflow.pyfunc.loadModel(`runs:/${runId}/model`);
  const columns = X.columns.map(String);
  const values = X.values as number[][];
  const records = values.map((row) => Object.fromEntries(columns.map((c, j) => [c, row[j]!])));
  return { runId, mlruns, modelDir, zipPath, model, columns, records };
}

export interface RunningCli {
  url: string;
  child: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
}

/** `node bin/kiroku.mjs <args>` for a command that prints "Listening at: <url>". */
export function startCli(args: string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<RunningCli> {
  return startNode([BIN, ...args], env, cwd);
}

export function startNode(args: string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<RunningCli> {
  const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${err}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /Listening at: (http:\/\/\S+)/.exec(line);
      if (m) resolve({ url: m[1]!, child, stderr: () => err, stop });
    });
  });
}
