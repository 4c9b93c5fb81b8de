// A local stand-in for an MLflow tracking server, following MLflow's published REST API 2.0 reference
// (request and response bodies, error_code/message errors, log-batch limits), in memory, on a free
// loopback port. Failures can be injected: an HTTP status or a hang (for timeouts) on matching calls.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface RunState {
  info: Record<string, unknown> & { run_id: string; experiment_id: string };
  params: Map<string, string>;
  tags: Map<string, string>;
  metrics: Array<{ key: string; value: number; timestamp: number; step: number }>;
  inputs: unknown[];
}

export interface Failure {
  /** Substring of "METHOD path" to match, e.g. "POST /api/2.0/mlflow/runs/log-batch". */
  match: string;
  status?: number;
  hang?: boolean;
  times: number;
  /** Only after this many matching calls succeeded. */
  after?: number;
}

export async function startMlflowTestServer() {
  const experiments = new Map<string, { experiment_id: string; name: string }>();
  const runs = new Map<string, RunState>();
  const artifacts = new Map<string, Buffer>();
  const calls: string[] = [];
  const failures: Failure[] = [];
  const seen = new Map<Failure, number>();
  let nextExp = 1;
  let nextRun = 1;

  // CORS as an MLflow server configured for a browser client (--cors-allowed-origins) answers.
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS' };
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...cors });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, error_code: string, message: string) => send(res, status, { error_code, message });
  const read = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => resolve(Buffer.concat(parts)));
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      return res.end();
    }
    const call = `${req.method} ${url.pathname}`;
    calls.push(call);
    for (const f of failures) {
      if (f.times <= 0 || !call.includes(f.match)) continue;
      const n = seen.get(f) ?? 0;
      seen.set(f, n + 1);
      if (n < (f.after ?? 0)) continue;
      f.times--;
      if (f.hang) return; // never answers: the client times out
      return error(res, f.status ?? 503, 'TEMPORARILY_UNAVAILABLE', 'Injected failure');
    }
    const raw = await read(req);
    if (url.pathname.startsWith('/api/2.0/mlflow-artifacts/artifacts/') && req.method === 'PUT') {
      artifacts.set(decodeURIComponent(url.pathname.slice('/api/2.0/mlflow-artifacts/artifacts/'.length)), raw);
      return send(res, 200, {});
    }
    const body = raw.length ? (JSON.parse(raw.toString()) as Record<string, any>) : {};
    const q = Object.fromEntries(url.searchParams);
    const route = url.pathname.replace('/api/2.0/mlflow/', '');
    const run = (id: string) => runs.get(id);
    const runJson = (r: RunState) => ({
      info: r.info,
      data: {
        params: [...r.params].map(([key, value]) => ({ key, value })),
        tags: [...r.tags].map(([key, value]) => ({ key, value })),
        metrics: latest(r.metrics),
      },
      inputs: { dataset_inputs: r.inputs },
    });
    switch (`${req.method} ${route}`) {
      case 'GET experiments/get-by-name': {
        const e = [...experiments.values()].find((x) => x.name === q.experiment_name);
        return e ? send(res, 200, { experiment: { ...e, lifecycle_stage: 'active' } }) : error(res, 404, 'RESOURCE_DOES_NOT_EXIST', `Could not find experiment with name '${q.experiment_name}'`);
      }
      case 'POST experiments/create': {
        if ([...experiments.values()].some((x) => x.name === body.name)) return error(res, 400, 'RESOURCE_ALREADY_EXISTS', `Experiment '${body.name}' already exists.`);
        const id = String(nextExp++);
        experiments.set(id, { experiment_id: id, name: body.name });
        return send(res, 200, { experiment_id: id });
      }
      case 'POST runs/create': {
        if (!experiments.has(body.experiment_id)) return error(res, 404, 'RESOURCE_DOES_NOT_EXIST', `No Experiment with id=${body.experiment_id} exists`);
        const id = (nextRun++).toString(16).padStart(32, 'f');
        const r: RunState = {
          info: {
            run_id: id, run_uuid: id, run_name: body.run_name, experiment_id: body.experiment_id, user_id: body.user_id, status: 'RUNNING',
            start_time: body.start_time, artifact_uri: `mlflow-artifacts:/${body.experiment_id}/${id}/artifacts`, lifecycle_stage: 'active',
          },
          params: new Map(), tags: new Map((body.tags ?? []).map((t: { key: string; value: string }) => [t.key, t.value])), metrics: [], inputs: [],
        };
        runs.set(id, r);
        return send(res, 200, { run: runJson(r) });
      }
      case 'GET runs/get': {
        const r = run(q.run_id!);
        return r ? send(res, 200, { run: runJson(r) }) : error(res, 404, 'RESOURCE_DOES_NOT_EXIST', `Run '${q.run_id}' not found`);
      }
      case 'POST runs/log-batch': {
        const r = run(body.run_id);
        if (!r) return error(res, 404, 'RESOURCE_DOES_NOT_EXIST', `Run '${body.run_id}' not found`);
        const m = body.metrics ?? [];
        const p = body.params ?? [];
        const t = body.tags ?? [];
        if (m.length > 1000 || p.length > 100 || t.length > 100 || m.length + p.length + t.length > 1000) {
          return error(res, 400, 'INVALID_PARAMETER_VALUE', `A batch logging request can contain at most 1000 metrics, 100 params and 100 tags; got ${m.length}, ${p.length}, ${t.length}.`);
        }
        for (const x of p) {
          const old = r.params.get(x.key);
          if (old !== undefined && old !== x.value) return error(res, 400, 'INVALID_PARAMETER_VALUE', `Changing param values is not allowed. Param with key='${x.key}' was already logged with value='${old}' for run ID='${body.run_id}'. Attempted logging new value '${x.value}'.`);
          r.params.set(x.key, x.value);
        }
        for (const x of t) r.tags.set(x.key, x.value);
        for (const x of m) r.metrics.push({ key: x.key, value: Number(x.value), timestamp: Number(x.timestamp), step: Number(x.step ?? 0) });
        return send(res, 200, {});
      }
      case 'GET metrics/get-history': {
        const r = run(q.run_id!);
        if (!r) return error(res, 404, 'RESOURCE_DOES_NOT_EXIST', `Run '${q.run_id}' not found`);
        const all = r.metrics.filter((x) => x.key === q.metric_key);
        const size = Number(q.max_results ?? 25000);
        const from = Number(q.page_token ?? 0);
        const page = all.slice(from, from + size);
        return send(res, 200, { metrics: page, ...(from + size < all.length ? { next_page_token: String(from + size) } : {}) });
      }
      case 'POST runs/log-inputs': {
        const r = run(body.run_id);
        if (!r) return error(res, 404, 'RESOURCE_DOES_NOT_EXIST', `Run '${body.run_id}' not found`);
        r.inputs.push(...(body.datasets ?? []));
        return send(res, 200, {});
      }
      case 'POST runs/update': {
        const r = run(body.run_id);
        if (!r) return error(res, 404, 'RESOURCE_DOES_NOT_EXIST', `Run '${body.run_id}' not found`);
        if (body.status) r.info.status = body.status;
        if (body.end_time) r.info.end_time = body.end_time;
        return send(res, 200, { run_info: r.info });
      }
      default:
        return error(res, 404, 'ENDPOINT_NOT_FOUND', `No endpoint ${call}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    experiments, runs, artifacts, calls, failures,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function latest(points: RunState['metrics']) {
  const by = new Map<string, RunState['metrics'][number]>();
  for (const p of points) {
    const b = by.get(p.key);
    if (!b || p.step > b.step || (p.step === b.step && p.timestamp >= b.timestamp)) by.set(p.key, p);
  }
  return [...by.values()];
}
