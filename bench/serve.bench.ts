// `kiroku models serve` under load (Node, loopback): requests per second and p50/p99 latency for
// 1-row and 1,000-row `dataframe_split` requests, beside a bare node:http server that reads the same
// body and answers a constant (the ceiling: what HTTP and the load generator cost on this machine),
// measured in the same run, rounds interleaved. Both servers run as their own processes, as deployed;
// the load comes from this process over 16 keep-alive connections. The load average is recorded,
// since the machine is shared.
import { spawn, type ChildProcess } from 'node:child_process';
import { request, Agent } from 'node:http';
import { mkdtemp, mkdir, writeFile, readFile } from 'node:fs/promises';
import { loadavg, tmpdir, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { unzipSync } from 'fflate';
import { report, round, timeIt } from './report';
import { openModel } from '../src/deploy/open-model';
import { invocations } from '../src/deploy/scoring';
import { Fluent } from '../src/tracking/fluent';
import { modelApi } from '../src/logged-model/api';
import { autolog } from '../src/autolog/index';
import { exportMlruns } from '../src/interop/mlruns/export';
import { LinearRegression } from '../src/ml/index';
import { readCSV } from '../src/data/csv';

const ROOT = resolve(import.meta.dirname, '..');
const CONNECTIONS = 16;
const ROUNDS = 3;

const loadBefore = loadavg();

// The model: LinearRegression autologged on wine-quality, exported as mlruns and unzipped.
const wineText = await readFile(resolve(ROOT, '../shared/data/winequality-red.csv'), 'utf8');
const df = await readCSV(wineText);
const X = df.drop({ columns: ['quality'] });
const fluent = new Fluent('memory:bench-serve');
const mlflow = Object.assign(fluent, modelApi(fluent));
autolog(mlflow, { silent: true });
new LinearRegression().fit(X, df.column('quality'));
await mlflow.flush();
const runId = mlflow.lastActiveRun()!.info.runId;
const work = await mkdtemp(join(tmpdir(), 'kiroku-bench-serve-'));
let modelDir = '';
for (const [path, bytes] of Object.entries(unzipSync(await exportMlruns(mlflow.client())))) {
  const target = join(work, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, bytes);
  if (path.endsWith(`${runId}/artifacts/model/MLmodel`)) modelDir = dirname(target);
}

const columns = X.columns.map(String);
const values = X.values as number[][];
const body = (rows: number, offset: number) =>
  JSON.stringify({
    dataframe_split: { columns, data: Array.from({ length: rows }, (_, i) => values[(offset + i) % values.length]) },
  });

const BARE = `
const { createServer } = require('node:http');
const s = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    Buffer.concat(chunks);
    const out = '{"predictions": [0]}';
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': out.length });
    res.end(out);
  });
});
s.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
  console.log('Listening at: http://127.0.0.1:' + s.address().port);
});
`;

function start(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /Listening at: (http:\/\/\S+)/.exec(line);
      if (m) resolve({ url: m[1]!, child });
    });
  });
}

function post(agent: Agent, url: string, payload: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/invocations`,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
      },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** `total` requests over CONNECTIONS keep-alive connections: throughput and latency percentiles. */
async function load(url: string, payloads: string[], total: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < total) {
        const i = next++;
        const s = performance.now();
        await post(agent, url, payloads[i % payloads.length]!);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!, 2);
  return { requestsPerSecond: Math.round(total / seconds), p50Ms: pct(0.5), p99Ms: pct(0.99) };
}

const kiroku = await start([join(ROOT, 'bin/kiroku.mjs'), 'models', 'serve', '-m', modelDir, '--port', '0']);
const bare = await start(['-e', BARE]);
const servers = { kiroku: kiroku.url, 'bare-node': bare.url };

// What one request costs inside the server (parse, signature checks, predict, JSON), without HTTP.
const model = await openModel(modelDir);
for (const rows of [1, 1000]) {
  const payload = body(rows, 0);
  const { medianMs } = await timeIt(async () => {
    for (let i = 0; i < 20; i++) await invocations(model, payload, 'application/json');
  }, 7);
  report({ bench: `serve.in-process.${rows}-row`, rows, msPerRequest: round(medianMs / 20, 3) });
}

for (const [rows, total] of [
  [1, 4000],
  [1000, 200],
] as const) {
  const payloads = Array.from({ length: 16 }, (_, k) => body(rows, k * 97));
  for (const url of Object.values(servers)) await load(url, payloads, Math.min(total, 200)); // warm-up
  const results: Record<string, Array<Awaited<ReturnType<typeof load>>>> = { kiroku: [], 'bare-node': [] };
  for (let r = 0; r < ROUNDS; r++)
    for (const [name, url] of Object.entries(servers)) results[name]!.push(await load(url, payloads, total));
  for (const [name, rounds] of Object.entries(results)) {
    const median = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[
      Math.floor(rounds.length / 2)
    ]!;
    report({
      bench: `serve.${name}.${rows}-row`,
      rows,
      requests: total,
      connections: CONNECTIONS,
      bodyBytes: Buffer.byteLength(payloads[0]!),
      ...median,
    });
  }
}

kiroku.child.kill();
bare.child.kill();
report({
  bench: 'serve.machine',
  cpus: cpus().length,
  loadavgBefore: loadBefore.map((x) => round(x, 2)),
  loadavgAfter: loadavg().map((x) => round(x, 2)),
});
