// `kiroku models serve` against MLflow's scoring protocol: a model autologged and exported as a user
// would, served by the real command on a free loopback port, every body format checked against the
// model's predictions in this process, every bad input against MLflow's error JSON
// (mlflow/pyfunc/scoring_server/__init__.py, mlflow/utils/proto_json_utils.py, mlflow/exceptions.py).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LinearRegression } from '../../src/ml/index';
import { createScoringServer } from '../../src/deploy/scoring-server';
import { exportedWineModel, startCli, type ExportedModel, type RunningCli } from './wine-model';

let exported: ExportedModel;
let server: RunningCli;
/** 50 rows from all over the file (its first rows are not like the rest). */
let rows: Array<Record<string, number>>;
let expected: number[];

beforeAll(async () => {
  exported = await exportedWineModel(new LinearRegression());
  rows = exported.records.filter((_, i) => i % 32 === 0);
  expected = Array.from(exported.model.predict(rows) as ArrayLike<number>);
  server = await startCli(['models', 'serve', '-m', exported.modelDir, '--port', '0']);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function post(body: string, contentType = 'application/json', path = '/invocations') {
  const res = await fetch(server.url + path, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

function expectPredictions(answer: { status: number; text: string }, want: number[] = expected) {
  expect(answer.status, answer.text).toBe(200);
  const got = (JSON.parse(answer.text) as { predictions: number[] }).predictions;
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(1e-12));
}

const columnsOf = () => exported.columns;
const matrix = () => rows.map((r) => columnsOf().map((c) => r[c]));

describe('kiroku models serve: routes', () => {
  it('answers /ping and /health with 200 and /version with the version', async () => {
    for (const path of ['/ping', '/health']) {
      const res = await fetch(server.url + path);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('\n');
    }
    const version = await fetch(server.url + '/version');
    expect(await version.text()).toBe((await import('../../package.json')).version);
  });

  it('refuses other routes and methods', async () => {
    expect((await fetch(server.url + '/predict')).status).toBe(404);
    const get = await fetch(server.url + '/invocations');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});

describe('kiroku models serve: every body format gives the in-process predictions', () => {
  it('dataframe_split, with and without an index, columns in another order', async () => {
    expectPredictions(await post(JSON.stringify({ dataframe_split: { columns: columnsOf(), data: matrix() } })));
    expectPredictions(
      await post(
        JSON.stringify({
          dataframe_split: { index: rows.map((_, i) => i * 32), columns: columnsOf(), data: matrix() },
        }),
      ),
    );
    const reversed = [...columnsOf()].reverse();
    expectPredictions(
      await post(
        JSON.stringify({ dataframe_split: { columns: reversed, data: rows.map((r) => reversed.map((c) => r[c])) } }),
      ),
    );
  });

  it('dataframe_split without columns takes the signature’s by position', async () => {
    expectPredictions(await post(JSON.stringify({ dataframe_split: { data: matrix() } })));
  });

  it('dataframe_records, instances and inputs (records, rows and columns)', async () => {
    expectPredictions(await post(JSON.stringify({ dataframe_records: rows })));
    expectPredictions(await post(JSON.stringify({ instances: rows })));
    expectPredictions(await post(JSON.stringify({ instances: matrix() })));
    expectPredictions(
      await post(JSON.stringify({ inputs: Object.fromEntries(columnsOf().map((c) => [c, rows.map((r) => r[c])])) })),
    );
    expectPredictions(await post(JSON.stringify({ inputs: matrix() })));
    expectPredictions(await post(JSON.stringify({ inputs: rows[3] })), [expected[3]!]);
  });

  it('params beside the data, and charset=utf-8', async () => {
    expectPredictions(
      await post(
        JSON.stringify({ dataframe_records: rows, params: { verbose: true } }),
        'application/json; charset=UTF-8',
      ),
    );
  });

  it('text/csv, also as pandas writes it (an unnamed index column first), missing-value markers refused', async () => {
    const csv = [columnsOf().join(','), ...matrix().map((r) => r.join(','))].join('\n');
    expectPredictions(await post(csv, 'text/csv'));
    const pandas = [',' + columnsOf().join(','), ...matrix().map((r, i) => `${i},${r.join(',')}`)].join('\n') + '\n';
    expectPredictions(await post(pandas, 'text/csv; charset=utf-8'));
  });
});

describe("kiroku models serve: bad input gets MLflow's error JSON and status", () => {
  async function expectError(
    answer: { status: number; type: string | null; text: string },
    status: number,
    code: string,
    message: string | RegExp,
  ) {
    expect(answer.status, answer.text).toBe(status);
    expect(answer.type).toBe('application/json');
    const json = JSON.parse(answer.text) as { error_code: string; message: string };
    expect(json.error_code).toBe(code);
    if (typeof message === 'string') expect(json.message).toBe(message);
    else expect(json.message).toMatch(message);
  }
  const FORMATS = "{'dataframe_split', 'dataframe_records', 'instances', 'inputs'}";

  it('malformed JSON, a list, a scalar', async () => {
    await expectError(
      await post('{"dataframe_split": '),
      400,
      'BAD_REQUEST',
      new RegExp(
        String.raw`^Invalid input\. Ensure that input is a valid JSON formatted string\. Error: ` +
          String.raw`'JSONDecodeError\(.*\)'\nInput: \n\{"dataframe_split": \n$`,
      ),
    );
    await expectError(
      await post('[1, 2]'),
      400,
      'BAD_REQUEST',
      `Invalid input. The input must be a JSON dictionary with exactly one of the input fields ${FORMATS}. ` +
        `Received a list.`,
    );
    await expectError(
      await post('"text"'),
      400,
      'BAD_REQUEST',
      `Invalid input. The input must be a JSON dictionary with exactly one of the input fields ${FORMATS}. ` +
        `Received unexpected input type '<class 'str'>.`,
    );
  });

  it('no input field, or two', async () => {
    await expectError(
      await post('{"data": [[1]]}'),
      400,
      'BAD_REQUEST',
      new RegExp(
        String.raw`^The input must be a JSON dictionary with exactly one of the input fields .*\. Received ` +
          String.raw`dictionary with input fields: \[\]\. IMPORTANT: The MLflow Model scoring protocol has changed ` +
          String.raw`in MLflow version 2\.0\.`,
      ),
    );
    await expectError(
      await post(JSON.stringify({ dataframe_records: rows, inputs: matrix() })),
      400,
      'BAD_REQUEST',
      /Received dictionary with input fields: \['dataframe_records', 'inputs'\]\. IMPORTANT/,
    );
  });

  it('malformed dataframe_split and dataframe_records', async () => {
    await expectError(
      await post('{"dataframe_split": [[1, 2]]}'),
      400,
      'BAD_REQUEST',
      'Invalid input. Dataframe split format must be a dictionary. Got list.',
    );
    await expectError(
      await post('{"dataframe_split": {"columns": ["a"]}}'),
      400,
      'BAD_REQUEST',
      "Invalid input. Dataframe split format must have 'data' field and optionally 'columns' and 'index' fields. " +
        "Got {'columns'}.'",
    );
    await expectError(
      await post('{"dataframe_split": {"columns": ["a", "b"], "data": [[1, 2], [3]]}}'),
      400,
      'BAD_REQUEST',
      "Invalid input. Provided dataframe_split field is not a valid dataframe representation in 'split' format. " +
        "Error: '2 columns passed, passed data had 1 columns'",
    );
    await expectError(
      await post('{"dataframe_records": {"a": 1}}'),
      400,
      'BAD_REQUEST',
      'Invalid input. Dataframe records format must be a list of records. Got dictionary.',
    );
    await expectError(
      await post('{"inputs": {"a": [1, 2], "b": [1]}}'),
      400,
      'BAD_REQUEST',
      'Invalid input. The length of values for each input/column name are not the same',
    );
  });

  it('wrong columns and wrong types fail the signature with MLflow’s messages', async () => {
    const missing = rows.slice(0, 2).map(({ alcohol: _a, pH: _p, ...rest }) => rest);
    await expectError(
      await post(JSON.stringify({ dataframe_records: missing })),
      400,
      'INVALID_PARAMETER_VALUE',
      new RegExp(
        String.raw`^Failed to predict data '.*'\. \nError: Failed to enforce schema of data '.*' with schema ` +
          String.raw`'\['fixed acidity': double \(required\), .*'alcohol': double \(required\)\]'\. Error: Model is ` +
          String.raw`missing inputs \['pH', 'alcohol'\]\.$`,
        's',
      ),
    );
    const text = rows.slice(0, 2).map((r) => ({ ...r, alcohol: 'high' }));
    await expectError(
      await post(JSON.stringify({ dataframe_records: text })),
      400,
      'INVALID_PARAMETER_VALUE',
      /Error: Incompatible input types for column alcohol\. Can not safely convert object to float64\.$/,
    );
  });

  it('content types: another charset, unknown parameters, another type (415, text as MLflow)', async () => {
    const body = JSON.stringify({ dataframe_records: rows });
    const latin = await post(body, 'application/json; charset=latin-1');
    expect([latin.status, latin.text]).toEqual([415, 'The scoring server only supports UTF-8']);
    const format = await post(body, 'application/json; format=pandas-split');
    expect(format.status).toBe(415);
    expect(format.text).toMatch(
      /^Unrecognized content type parameters: format\. IMPORTANT: The MLflow Model scoring protocol/,
    );
    const plain = await post(body, 'text/plain');
    expect([plain.status, plain.text]).toEqual([
      415,
      "This predictor only supports the following content types: Types: ['text/csv', 'application/json']. Got " +
        "'text/plain'.",
    ]);
  });

  it('a CSV that is not one', async () => {
    await expectError(
      await post('a,b\n1,2\n3\n', 'text/csv'),
      400,
      'BAD_REQUEST',
      new RegExp(
        String.raw`^Failed to parse input as a Pandas DataFrame\. Ensure that the input is a valid CSV-formatted ` +
          String.raw`Pandas DataFrame produced using the \x60pandas\.DataFrame\.to_csv\(\)\x60 method\. Error: 'Line ` +
          '3 has 1 field',
      ),
    );
  });

  it('a body over 100 MB is refused with 413 naming the limit, and the server carries on', async () => {
    const size = 100 * 1024 * 1024 + 1;
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        server.url + '/invocations',
        { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': size } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const write = () => {
        while (sent < size) {
          const n = Math.min(chunk.length, size - sent);
          sent += n;
          if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return req.once('drain', write);
        }
        req.end();
      };
      write();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual({
      error_code: 'RESOURCE_EXHAUSTED',
      message:
        "The request body is larger than the scoring server's limit of 100 MB (104857600 bytes). Send fewer rows " +
        'per request, or start the server with a larger --max-body-size.',
    });
    expectPredictions(await post(JSON.stringify({ dataframe_records: rows })));
  });

  it('a streamed body (no Content-Length) is cut off at the limit', async () => {
    const small = createScoringServer(exported.model, { version: 'test', maxBodyBytes: 1024 });
    await new Promise<void>((resolve) => small.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(small.address() as AddressInfo).port}/invocations`;
      const big = JSON.stringify({ dataframe_records: rows });
      const stream = new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode(big));
          c.close();
        },
      });
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(((await res.json()) as { message: string }).message).toContain('limit of 1 KB (1024 bytes)');
      const ok = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ dataframe_records: rows.slice(0, 2) }),
      });
      expect(((await ok.json()) as { predictions: number[] }).predictions).toEqual(expected.slice(0, 2));
    } finally {
      await new Promise((resolve) => small.close(resolve));
    }
  });
});

describe('kiroku models serve: load', () => {
  it('answers 1,000 concurrent requests, each with its own row', async () => {
    const all = exported.records.slice(0, 1000);
    const want = Array.from(exported.model.predict(all) as ArrayLike<number>);
    const answers = await Promise.all(all.map((r) => post(JSON.stringify({ dataframe_records: [r] }))));
    answers.forEach((a, i) => expectPredictions(a, [want[i]!]));
    expect(server.child.exitCode).toBeNull();
  });
});
