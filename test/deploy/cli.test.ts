// The other `kiroku` commands, run as a user runs them: `models predict` from a zip and a folder with
// CSV and JSON in and out, `models generate-dockerfile` (its server started with plain `node` from a
// directory with no node_modules), `--help` on every command, and a linear model loading no TensorFlow.js.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, readdir, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinearRegression } from '../../src/ml/index';
import { BIN, exportedWineModel, startNode, type ExportedModel, type RunningCli } from './wine-model';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');
let exported: ExportedModel;
let work: string;
let rows: Array<Record<string, number>>;
let expected: number[];

beforeAll(async () => {
  exported = await exportedWineModel(new LinearRegression());
  work = await mkdtemp(join(tmpdir(), 'kiroku-cli-'));
  rows = exported.records.filter((_, i) => i % 16 === 0);
  expected = Array.from(exported.model.predict(rows) as ArrayLike<number>);
}, 120_000);

const kiroku = (...args: string[]) => run(process.execPath, [BIN, ...args], { cwd: work, maxBuffer: 64 * 1024 * 1024 });

function expectClose(got: number[], want: number[]) {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(1e-12));
}

describe('kiroku --help', () => {
  it('every command explains itself', async () => {
    expect((await kiroku('--help')).stdout).toMatch(/^Usage: kiroku COMMAND/);
    expect((await kiroku('models', '--help')).stdout).toMatch(/serve .*\n.*predict .*\n.*generate-dockerfile/);
    for (const [command, option] of [
      ['serve', '--workers'],
      ['predict', '--input-path'],
      ['generate-dockerfile', '--output-directory'],
    ] as const) {
      const { stdout } = await kiroku('models', command, '--help');
      expect(stdout).toContain(`Usage: kiroku models ${command} [OPTIONS]`);
      expect(stdout).toContain(option);
      expect(stdout).toContain('--model-uri');
    }
  });

  it('an unknown option or a missing model is an error with the usage', async () => {
    const unknown = await kiroku('models', 'serve', '--model', 'x').catch((e: { code: number; stderr: string }) => e);
    expect((unknown as { code: number }).code).toBe(2);
    expect((unknown as { stderr: string }).stderr).toMatch(/Unknown option '--model'[\s\S]*Usage: kiroku models serve/);
    const missing = await kiroku('models', 'predict', '-m', join(work, 'nothing-here')).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((missing as { code: number }).code).toBe(1);
    expect((missing as { stderr: string }).stderr).toContain("No such file or directory: '");
  });
});

describe('kiroku models predict', () => {
  it('CSV in, CSV out, from the exported zip: the same numbers as in-process', async () => {
    const csv = [
      exported.columns.map((c) => `"${c}"`).join(','),
      ...rows.map((r) => exported.columns.map((c) => r[c]).join(',')),
    ].join('\n');
    await writeFile(join(work, 'in.csv'), csv);
    await kiroku('models', 'predict', '-m', exported.zipPath, '-i', 'in.csv', '-o', 'out.csv');
    const lines = (await readFile(join(work, 'out.csv'), 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe('predictions');
    expectClose(lines.slice(1).map(Number), expected);
  });

  it('a JSON body in, {"predictions": …} out, from the model folder (to a file and to standard output)', async () => {
    await writeFile(
      join(work, 'in.json'),
      JSON.stringify({
        dataframe_split: { columns: exported.columns, data: rows.map((r) => exported.columns.map((c) => r[c])) },
      }),
    );
    await kiroku('models', 'predict', '-m', exported.modelDir, '-i', 'in.json', '-o', 'out.json');
    expectClose(
      (JSON.parse(await readFile(join(work, 'out.json'), 'utf8')) as { predictions: number[] }).predictions,
      expected,
    );
    const { stdout } = await kiroku('models', 'predict', '-m', exported.modelDir, '-i', 'in.json', '-t', 'json');
    expectClose((JSON.parse(stdout) as { predictions: number[] }).predictions, expected);
  });

  it("bad input fails with the scoring server's message", async () => {
    await writeFile(join(work, 'bad.json'), JSON.stringify({ dataframe_records: [{ alcohol: 9 }] }));
    const e = (await kiroku('models', 'predict', '-m', exported.modelDir, '-i', 'bad.json').catch(
      (x: unknown) => x,
    )) as { code: number; stderr: string };
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/Failed to predict data .* Error: Model is missing inputs \['fixed acidity'/s);
  });

  it('a linear model loads no TensorFlow.js (and the probe sees TensorFlow.js when it is loaded)', async () => {
    const probe = join(__dirname, 'tf-probe.mts');
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', probe, exported.modelDir, JSON.stringify(rows.slice(0, 2))],
      { cwd: ROOT },
    );
    expect(JSON.parse(stdout)).toEqual({ before: false, after: true });
  });
});

describe('kiroku models serve --workers', () => {
  it('answers from several processes sharing the port, and stops them all', async () => {
    const served = await startNode([BIN, 'models', 'serve', '-m', exported.zipPath, '--port', '0', '--workers', '2']);
    try {
      expect((await fetch(served.url + '/ping')).status).toBe(200);
      const answers = await Promise.all(
        rows.map((r) =>
          fetch(served.url + '/invocations', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ inputs: r }),
          }).then((a) => a.json() as Promise<{ predictions: number[] }>),
        ),
      );
      expectClose(
        answers.map((a) => a.predictions[0]!),
        expected,
      );
    } finally {
      await served.stop();
    }
    expect(served.child.exitCode).toBe(0);
  }, 60_000);
});

describe('kiroku models generate-dockerfile', () => {
  let served: RunningCli | undefined;
  afterAll(async () => {
    await served?.stop();
  });

  it('writes the model, a Node Dockerfile and a server that starts with plain node', async () => {
    const dir = join(work, 'image');
    await kiroku('models', 'generate-dockerfile', '-m', exported.modelDir, '-d', dir);
    const dockerfile = await readFile(join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20-slim$/m);
    expect(dockerfile).toMatch(/^COPY model \.\/model$/m);
    expect(dockerfile).toContain(
      'ENTRYPOINT ["node", "server/kiroku.mjs", "models", "serve", "-m", "model", "--host", "0.0.0.0", "--port", ' +
        '"8080"]',
    );
    expect(dockerfile).not.toContain('npm install'); // a linear model needs no packages
    expect(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')).dependencies).toEqual({});
    expect((await readdir(join(dir, 'model'))).sort()).toEqual(['MLmodel', 'input_example.json', 'model.json']);
    expect(await readFile(join(dir, 'model/model.json'), 'utf8')).toBe(
      await readFile(join(exported.modelDir, 'model.json'), 'utf8'),
    );

    // Moved away from any node_modules, as in the image: the server needs nothing but node.
    const elsewhere = await mkdtemp(join(tmpdir(), 'kiroku-image-'));
    await cp(dir, elsewhere, { recursive: true });
    served = await startNode(
      [join(elsewhere, 'server/kiroku.mjs'), 'models', 'serve', '-m', join(elsewhere, 'model'), '--port', '0'],
      { PATH: process.env.PATH },
      elsewhere,
    );
    const ping = await fetch(served.url + '/ping');
    expect(ping.status).toBe(200);
    const answer = await fetch(served.url + '/invocations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ dataframe_records: rows }),
    });
    expectClose(((await answer.json()) as { predictions: number[] }).predictions, expected);
  }, 120_000);
});
