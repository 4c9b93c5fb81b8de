import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Fluent } from '../../src/tracking/fluent';
import { TrackingClient } from '../../src/tracking/client';
import { subscribe, type TrackingMessage } from '../../src/tracking/events';
import { closeStores, storeForUri } from '../../src/tracking/uri';
import { RUN_NAME_PATTERN } from '../../src/tracking/names';
import { setClock } from '../../src/lib/time';

let n = 0;
let mlflow: Fluent;
let uri: string;

beforeEach(() => {
  uri = `memory:fluent-${++n}`;
  mlflow = new Fluent(uri);
  mlflow.setRunContext({ user: 'ada', sourceName: 'test.ts', sourceType: 'LOCAL' });
});
afterEach(async () => {
  await closeStores();
});

describe('experiments', () => {
  it('setExperiment from two pages at once makes the experiment once and both use it', async () => {
    const other = new Fluent(uri);
    const [a, b] = await Promise.all([mlflow.setExperiment('shared'), other.setExperiment('shared')]);
    expect(a.experimentId).toBe(b.experimentId);
    expect((await mlflow.searchExperiments()).filter((e) => e.name === 'shared')).toHaveLength(1);
  });
});

describe('runs', () => {
  it('starts a run with a 32-hex id, a generated name and the system tags', async () => {
    const run = await mlflow.startRun();
    expect(run.info.runId).toMatch(/^[0-9a-f]{32}$/);
    expect(run.info.runName).toMatch(RUN_NAME_PATTERN);
    expect(run.info.status).toBe('RUNNING');
    expect(run.info.experimentId).toBe('0');
    expect(run.data.tags).toMatchObject({
      'mlflow.user': 'ada',
      'mlflow.source.name': 'test.ts',
      'mlflow.source.type': 'LOCAL',
      'mlflow.runName': run.info.runName,
    });
    expect(mlflow.activeRun()?.info.runId).toBe(run.info.runId);
    await mlflow.endRun();
    expect(mlflow.activeRun()).toBeUndefined();
    const ended = await mlflow.getRun(run.info.runId);
    expect(ended.info.status).toBe('FINISHED');
    expect(ended.info.endTime).toBeGreaterThanOrEqual(ended.info.startTime);
    expect(mlflow.lastActiveRun()?.info.status).toBe('FINISHED');
  });

  it('refuses a second top-level run, nests with {nested: true} and tags the parent', async () => {
    const parent = await mlflow.startRun({ runName: 'sweep' });
    await expect(mlflow.startRun()).rejects.toThrow(`Run with UUID ${parent.info.runId} is already active.`);
    const child = await mlflow.startRun({ nested: true, runName: 'alpha=0.1' });
    expect(child.data.tags['mlflow.parentRunId']).toBe(parent.info.runId);
    await mlflow.endRun();
    expect(mlflow.activeRun()?.info.runId).toBe(parent.info.runId);
    await mlflow.endRun();
  });

  it('callback form ends FINISHED, or FAILED and rethrows', async () => {
    const value = await mlflow.startRun({ runName: 'ok' }, async (run) => {
      await mlflow.logParam('alpha', 0.5);
      return run.info.runId;
    });
    expect((await mlflow.getRun(value)).info.status).toBe('FINISHED');
    let failedId = '';
    await expect(
      mlflow.startRun({ runName: 'bad' }, async (run) => {
        failedId = run.info.runId;
        throw new Error('diverged');
      }),
    ).rejects.toThrow('diverged');
    expect((await mlflow.getRun(failedId)).info.status).toBe('FAILED');
    expect(mlflow.activeRun()).toBeUndefined();
  });

  it('resumes a run by id', async () => {
    const run = await mlflow.startRun();
    await mlflow.endRun('KILLED');
    const again = await mlflow.startRun({ runId: run.info.runId });
    expect(again.info.status).toBe('RUNNING');
    expect(again.info.endTime).toBeNull();
    await mlflow.endRun();
  });

  it('starts a run on the first logging call when none is active, as MLflow does', async () => {
    const p1 = mlflow.logParam('a', 1);
    const p2 = mlflow.logMetric('m', 2);
    await Promise.all([p1, p2]);
    const run = mlflow.activeRun()!;
    expect(run).toBeDefined();
    const data = (await mlflow.getRun(run.info.runId)).data;
    expect(data.params.a).toBe('1');
    expect(data.metrics.m).toBe(2);
    await mlflow.endRun();
    expect((await mlflow.searchRuns()).length).toBe(1);
  });
});

describe('logging', () => {
  it("params: same value is a no-op, a new value is refused with MLflow's message", async () => {
    const run = await mlflow.startRun();
    await mlflow.logParam('alpha', '0.02');
    await mlflow.logParam('alpha', 0.02);
    await expect(mlflow.logParam('alpha', 0.5)).rejects.toThrow(
      `Changing param values is not allowed. Param with key='alpha' was already logged with value='0.02' for run ` +
        `ID='${run.info.runId}'. Attempted logging new value '0.5'.`,
    );
    await mlflow.endRun();
  });

  it('a bad call in a batch rejects alone; the valid calls around it are kept', async () => {
    const run = await mlflow.startRun();
    await mlflow.logParam('alpha', 1);
    const results = await Promise.allSettled([
      mlflow.logMetric('before', 1),
      mlflow.logParam('alpha', 2),
      mlflow.logMetric('after', 3),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const data = (await mlflow.getRun(run.info.runId)).data;
    expect(data.metrics).toEqual({ before: 1, after: 3 });
    await mlflow.endRun();
  });

  it('invalid keys and values reject at the call with a message naming them', async () => {
    await mlflow.startRun();
    await expect(mlflow.logMetric('bad key!', 1)).rejects.toThrow("Invalid metric name: 'bad key!'");
    await expect(mlflow.logMetric('m', 'x' as unknown as number)).rejects.toThrow("Got invalid value x for metric 'm'");
    await expect(mlflow.logParam('p', 'v'.repeat(6001))).rejects.toThrow('exceeded length limit of 6000');
    await expect(mlflow.setTag('../t', 'v')).rejects.toThrow("Invalid tag name: '../t'");
    await expect(mlflow.logMetric('m', 1, { step: 1.5 })).rejects.toThrow('Step must be a valid long');
    await mlflow.endRun();
  });

  it('metrics logged without await are all durable after flush, in step order', async () => {
    const run = await mlflow.startRun();
    for (let i = 0; i < 2500; i++) void mlflow.logMetric('loss', 1 / (i + 1), { step: i });
    mlflow.logMetrics({ r2: 0.4, rmse: 0.6 }, { step: 3 });
    await mlflow.flush();
    const history = await mlflow.getMetricHistory(run.info.runId, 'loss');
    expect(history.length).toBe(2500);
    expect(history[2499]).toMatchObject({ step: 2499, value: 1 / 2500 });
    const data = (await mlflow.getRun(run.info.runId)).data;
    expect(data.metrics).toEqual({ loss: 1 / 2500, r2: 0.4, rmse: 0.6 });
    await mlflow.endRun();
  });

  it('tags: set, set many, delete', async () => {
    const run = await mlflow.startRun();
    await mlflow.setTag('team', 'ml');
    await mlflow.setTags({ stage: 'dev', version: 2 });
    await mlflow.deleteTag('stage');
    const tags = (await mlflow.getRun(run.info.runId)).data.tags;
    expect(tags).toMatchObject({ team: 'ml', version: '2' });
    expect(tags.stage).toBeUndefined();
    await mlflow.endRun();
  });

  it('artifacts: text, dict as JSON and YAML, blobs; listed like a folder', async () => {
    const run = await mlflow.startRun();
    const id = run.info.runId;
    await mlflow.logText('hello', 'notes/readme.txt');
    await mlflow.logDict({ a: 1, b: [1, 2] }, 'config.json');
    await mlflow.logDict({ a: 1 }, 'config.yaml');
    await mlflow.logArtifact(new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'plots/x.png');
    await expect(mlflow.logArtifact(new Blob(['x']))).rejects.toThrow('logArtifact needs an artifact path');
    await expect(mlflow.logText('x', '../escape.txt')).rejects.toThrow("Invalid artifact path: '../escape.txt'");
    expect(await mlflow.listArtifacts(id)).toEqual([
      { path: 'config.json', isDir: false, fileSize: JSON.stringify({ a: 1, b: [1, 2] }, null, 2).length },
      { path: 'config.yaml', isDir: false, fileSize: 5 },
      { path: 'notes', isDir: true },
      { path: 'plots', isDir: true },
    ]);
    expect(await mlflow.listArtifacts(id, 'notes')).toEqual([{ path: 'notes/readme.txt', isDir: false, fileSize: 5 }]);
    expect(JSON.parse(await (await mlflow.getArtifact(id, 'config.json')).text())).toEqual({ a: 1, b: [1, 2] });
    expect(await (await mlflow.getArtifact(id, 'config.yaml')).text()).toBe('a: 1\n');
    const png = await mlflow.getArtifact(id, 'plots/x.png');
    expect(png.type).toBe('image/png');
    expect((await mlflow.getArtifact(id, 'notes/readme.txt')).type).toBe('text/plain');
    await expect(mlflow.getArtifact(id, 'nope.txt')).rejects.toThrow(`No artifact 'nope.txt' in run ${id}`);
    await mlflow.endRun();
  });

  it('records a dataset input with its context', async () => {
    const run = await mlflow.startRun();
    await mlflow.logInput(
      { name: 'wine', digest: 'd1', sourceType: 'local', source: 'wine.csv', profile: '{"num_rows": 3}' },
      'train',
    );
    const inputs = (await mlflow.getRun(run.info.runId)).inputs.datasetInputs;
    expect(inputs).toEqual([
      {
        dataset: { name: 'wine', digest: 'd1', sourceType: 'local', source: 'wine.csv', profile: '{"num_rows": 3}' },
        tags: { 'mlflow.data.context': 'train' },
      },
    ]);
    await mlflow.endRun();
  });
});

describe('experiments and search', () => {
  it('setExperiment creates once, refuses a deleted one with MLflow wording', async () => {
    const exp = await mlflow.setExperiment('wine');
    expect(exp.experimentId).toBe('1');
    expect((await mlflow.setExperiment('wine')).experimentId).toBe('1');
    const run = await mlflow.startRun();
    expect(run.info.experimentId).toBe('1');
    await mlflow.endRun();
    await mlflow.deleteExperiment('1');
    await expect(mlflow.setExperiment('wine')).rejects.toThrow(
      "Cannot set a deleted experiment 'wine' as the active experiment.",
    );
    await mlflow.restoreExperiment('1');
    expect((await mlflow.setExperiment('wine')).lifecycleStage).toBe('active');
    await expect(mlflow.deleteExperiment('0')).rejects.toThrow('Cannot delete the default experiment');
  });

  it('searches with filter, order and pages; deleted runs only when asked', async () => {
    await mlflow.setExperiment('sweep');
    const ids: Record<string, string> = {};
    for (const [alpha, r2] of [
      ['0.01', 0.2],
      ['0.02', 0.35],
      ['0.5', 0.5],
      ['0.02', 0.31],
    ] as const) {
      await mlflow.startRun({ runName: `a${alpha}-${r2}` }, async (run) => {
        ids[run.info.runName] = run.info.runId;
        await mlflow.logParam('alpha', alpha);
        await mlflow.logMetric('training_r2_score', r2);
      });
    }
    const hits = await mlflow.searchRuns({
      experimentNames: ['sweep'],
      filter: "metrics.training_r2_score > 0.3 and params.alpha = '0.02'",
      orderBy: ['metrics.training_r2_score DESC'],
    });
    expect(hits.map((r) => r.info.runName)).toEqual(['a0.02-0.35', 'a0.02-0.31']);
    const page1 = await mlflow.searchRuns({ orderBy: ['metrics.training_r2_score ASC'], maxResults: 3 });
    expect(page1.map((r) => r.data.metrics.training_r2_score)).toEqual([0.2, 0.31, 0.35]);
    expect(page1.token).toBeTruthy();
    const page2 = await mlflow.searchRuns({
      orderBy: ['metrics.training_r2_score ASC'],
      maxResults: 3,
      pageToken: page1.token,
    });
    expect(page2.map((r) => r.data.metrics.training_r2_score)).toEqual([0.5]);
    expect(page2.token).toBeNull();
    await mlflow.deleteRun(ids['a0.5-0.5']!);
    expect((await mlflow.searchRuns()).length).toBe(3);
    expect((await mlflow.searchRuns({ runViewType: 'DELETED_ONLY' })).map((r) => r.info.runName)).toEqual(['a0.5-0.5']);
    await mlflow.restoreRun(ids['a0.5-0.5']!);
    expect((await mlflow.searchRuns()).length).toBe(4);
    await expect(mlflow.searchRuns({ filter: 'metrics.x >' })).rejects.toThrow(/position/);
  });
});

describe('across pages and tabs', () => {
  it('announces creation and updates to subscribers', async () => {
    const seen: TrackingMessage[] = [];
    const stop = subscribe((m) => m.store === uri && seen.push(m));
    const run = await mlflow.startRun();
    await mlflow.logMetric('m', 1);
    await mlflow.endRun();
    stop();
    expect(seen[0]).toEqual({ type: 'run-created', runId: run.info.runId, experimentId: '0', store: uri });
    expect(seen.filter((m) => m.type === 'run-updated' && m.runId === run.info.runId).length).toBeGreaterThanOrEqual(2);
  });

  it('ends a RUNNING run that no live page owns as KILLED, at its last activity', async () => {
    // A live run first (its page opened the store and already checked for orphans then).
    const live = await mlflow.startRun();
    // A run written directly by a client, with no owner: what a page that died leaves behind.
    const client = new TrackingClient(storeForUri(uri));
    const exp = await client.getOrCreateDefaultExperiment();
    const restore = setClock(() => 5000);
    const orphan = await client.createRun(exp.experimentId, { startTime: 1000 });
    await client.logMetric(orphan.info.runId, 'loss', 0.5, { step: 3 });
    await client.flush();
    restore();
    const ended = await new TrackingClient(storeForUri(uri)).recoverOrphanedRuns();
    expect(ended).toEqual([orphan.info.runId]);
    const killed = await mlflow.getRun(orphan.info.runId);
    expect(killed.info).toMatchObject({ status: 'KILLED', endTime: 5000 });
    expect(killed.data.metrics.loss).toBe(0.5);
    expect((await mlflow.getRun(live.info.runId)).info.status).toBe('RUNNING');
    await mlflow.endRun();
  });

  it('finds everything again through a new connection to the same IndexedDB database', async () => {
    const dbUri = `indexeddb:persist-${Date.now()}`;
    const first = new Fluent(dbUri);
    const run = await first.startRun({ runName: 'kept' }, async (r) => {
      await first.logParam('alpha', 0.1);
      for (let i = 0; i < 10; i++) void first.logMetric('loss', 10 - i, { step: i });
      await first.logText('x', 'a.txt');
      return r;
    });
    await closeStores();
    const second = new Fluent(dbUri);
    const again = await second.getRun(run.info.runId);
    expect(again.info).toMatchObject({ runName: 'kept', status: 'FINISHED' });
    expect(again.data.params.alpha).toBe('0.1');
    expect((await second.getMetricHistory(run.info.runId, 'loss')).map((m) => m.value)).toEqual([
      10, 9, 8, 7, 6, 5, 4, 3, 2, 1,
    ]);
    expect(await (await second.getArtifact(run.info.runId, 'a.txt')).text()).toBe('x');
  });

  it('refuses an unknown tracking URI with what to use instead', () => {
    expect(() => mlflow.setTrackingUri('s3://bucket')).toThrow(
      "Unsupported tracking URI 's3://bucket'. Use 'indexeddb:<database>'",
    );
  });
});

describe('interrupts', () => {
  it('a run whose callback is interrupted ends KILLED, and the interrupt propagates', async () => {
    const { InterruptError } = await import('../../src/lib/errors');
    let id = '';
    await expect(
      mlflow.startRun({}, async (run) => {
        id = run.info.runId;
        throw new InterruptError();
      }),
    ).rejects.toThrow('Execution interrupted by the user.');
    expect((await mlflow.getRun(id)).info.status).toBe('KILLED');
  });
});
