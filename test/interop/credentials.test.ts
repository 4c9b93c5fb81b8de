// A tracking server's credentials go to its API only — /api/2.0/mlflow/ and the artifact proxy
// /api/2.0/mlflow-artifacts/ under its URL — whatever the server (or a model version's source) says:
// an artifact_uri with '..' parts is refused before anything is sent, and a source on another host is
// read there without them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../src/interop/rest/schemes';
import { Fluent } from '../../src/tracking/fluent';
import { closeStores } from '../../src/tracking/uri';
import { RestTrackingStore } from '../../src/interop/rest/tracking-store';
import { api } from '../../src/interop/rest/http';
import { startMlflowTestServer, type MlflowTestServer } from './mlflow-test-server';

const TOKEN = 'secret-token';
let server: MlflowTestServer;
let other: MlflowTestServer;
let runId: string;

beforeEach(async () => {
  server = await startMlflowTestServer({ auth: { token: TOKEN } });
  other = await startMlflowTestServer();
  const mlflow = new Fluent('memory:credentials');
  mlflow.setTrackingUri(server.url, { token: TOKEN, retries: 0 });
  runId = await mlflow.startRun({ runName: 'r' }, async (run) => {
    await mlflow.logText('hello', 'notes.txt');
    return run.info.runId;
  });
});
afterEach(async () => {
  await closeStores();
  await server.close();
  await other.close();
});

const store = () => new RestTrackingStore(server.url, () => ({ baseUrl: server.url, token: TOKEN, retries: 0 }));
/** A stored artifact's bytes, held in memory or as a Blob. */
const bytesOf = async (b: ArrayBuffer | Blob) => new Uint8Array(b instanceof Blob ? await b.arrayBuffer() : b);
const outsideApi = (s: MlflowTestServer) =>
  s.calls.filter((c) => !/^[A-Z]+ \/api\/2\.0\/(mlflow|mlflow-artifacts)\//.test(c));

describe('credentials stay with the server’s API', () => {
  it("refuses an artifact_uri whose '..' parts would leave the artifact proxy, sending nothing", async () => {
    expect((await bytesOf((await store().getArtifact(runId, 'notes.txt'))!.bytes)).length).toBe(5);
    for (const uri of [
      'mlflow-artifacts:/../../../../admin',
      'mlflow-artifacts:/1/./../../x',
      'mlflow-artifacts:/1/%2e%2e/x/..',
    ]) {
      server.runs.get(runId)!.info.artifact_uri = uri;
      const before = server.calls.length;
      await expect(store().getArtifact(runId, 'notes.txt')).rejects.toThrow(
        /^Invalid path: .* has a '\.' or '\.\.' part, which would leave the server's artifact proxy\.$/,
      );
      // Only the run was read (to learn its artifact root): no request for the file went anywhere.
      expect(server.calls.slice(before)).toEqual(['GET /api/2.0/mlflow/runs/get']);
    }
    expect(outsideApi(server)).toEqual([]);
  });

  it('refuses a listed path with .. parts, and any call that would resolve outside the API', async () => {
    await expect(store().getArtifact(runId, '../../../admin')).rejects.toThrow(/^Invalid path/);
    const before = server.calls.length;
    await expect(
      api({ baseUrl: server.url, token: TOKEN, retries: 0 }, 'GET', 'runs/../../../../admin'),
    ).rejects.toThrow(
      `Refused to call ${server.url}/admin: it is outside the server's API (${server.url}/api/2.0/mlflow/ and ` +
        `…/mlflow-artifacts/), where its credentials may go.`,
    );
    expect(server.calls.length).toBe(before);
    expect(outsideApi(server)).toEqual([]);
  });

  it('reads a source on another host (as MLflow resolves it) without this server’s token', async () => {
    other.artifacts.set('9/abc/artifacts/model/MLmodel', Buffer.from('flavors: {}\n'));
    const uri = `mlflow-artifacts://${new URL(other.url).host}/9/abc/artifacts/model`;
    const got = await store().getArtifactAtUri!(uri, 'MLmodel');
    expect(Buffer.from(await bytesOf(got!.bytes)).toString()).toBe('flavors: {}\n');
    expect(other.authorizations).toEqual(['']);
    // On the tracking server itself, the token goes along.
    server.artifacts.set('9/abc/artifacts/model/MLmodel', Buffer.from('x'));
    const before = server.authorizations.length;
    await store().getArtifactAtUri!('mlflow-artifacts:/9/abc/artifacts/model', 'MLmodel');
    expect(server.authorizations.slice(before)).toEqual([`Bearer ${TOKEN}`]);
  });
});
