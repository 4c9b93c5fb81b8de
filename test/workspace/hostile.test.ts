// Hostile and broken archives (made by hostile-archives.ts): every item passes the API's validation or
// is rejected and reported by file; entries the manifest does not name are never inflated; a named
// entry is read only within its declared size and the JSON cap; an archive larger than the room left
// is refused before anything is read. Nothing stored before is lost or changed.
import { describe, expect, it } from 'vitest';
import { IdbTrackingStore } from '../../src/tracking/idb-store';
import { TrackingClient } from '../../src/tracking/client';
import { IdbRegistryStore } from '../../src/model-registry/idb-store';
import { RegistryClient } from '../../src/model-registry/client';
import { exportWorkspace, importWorkspace, WorkspaceError, type WorkspaceDatabases } from '../../src/workspace';
import { GiB, hostileItems, hostileRegistry, rebuild, rebuildReplacing, unreferencedBombs } from './hostile-archives';

let n = 0;
function databases(): WorkspaceDatabases {
  const id = `${++n}-${Date.now()}`;
  return { tracking: `hostile-kiroku-${id}`, notebooks: `hostile-notebooks-${id}`, files: `hostile-files-${id}` };
}

async function seed(dbs: WorkspaceDatabases, runName: string) {
  const tracking = new TrackingClient(new IdbTrackingStore(dbs.tracking));
  const registry = new RegistryClient(new IdbRegistryStore(dbs.tracking));
  const expId = await tracking.createExperiment('wine');
  const run = await tracking.createRun(expId, { runName });
  await tracking.logParam(run.info.runId, 'alpha', 0.5);
  await tracking.logBatch(run.info.runId, {
    metrics: Array.from({ length: 100 }, (_, i) => ({ key: 'loss', value: 1 / (i + 1), step: i, timestamp: i })),
  });
  await tracking.logArtifact(run.info.runId, 'model/weights.bin', new Uint8Array([9, 8, 7]));
  await tracking.setTerminated(run.info.runId, 'FINISHED', 50);
  await registry.createRegisteredModel('wine-model');
  await registry.createModelVersion('wine-model', `runs:/${run.info.runId}/model`, { runId: run.info.runId });
  await registry.setRegisteredModelAlias('wine-model', 'champion', 1);
  await tracking.store.close();
  return run.info.runId;
}

/** Everything a user could see of the tracking database, to compare before and after. */
async function snapshot(dbs: WorkspaceDatabases) {
  const tracking = new TrackingClient(new IdbTrackingStore(dbs.tracking));
  const registry = new RegistryClient(new IdbRegistryStore(dbs.tracking));
  const exps = await tracking.searchExperiments('ALL');
  const runs = await tracking.searchRuns({
    experimentIds: exps.map((e) => e.experimentId),
    runViewType: 'ALL',
    orderBy: ['attributes.run_name ASC'],
  });
  const out = {
    experiments: exps.map((e) => [e.experimentId, e.name]),
    runs: await Promise.all(
      runs.map(async (r) => ({
        run: r,
        loss: await tracking.getMetricHistory(r.info.runId, 'loss'),
        files: await tracking.listArtifactFiles(r.info.runId),
        weights: [
          ...new Uint8Array(await (await tracking.downloadArtifact(r.info.runId, 'model/weights.bin')).arrayBuffer()),
        ],
      })),
    ),
    models: await registry.searchRegisteredModels(),
    versions: await registry.searchModelVersions(),
  };
  await tracking.store.close();
  return out;
}

const peakRss = () => process.resourceUsage().maxRSS * 1024;

describe('importing hostile archives', () => {
  it("rejects and reports each item breaking MLflow's rules, imports the rest, changes nothing stored", async () => {
    const a = databases();
    await seed(a, 'exported');
    const exported = new Uint8Array(await (await exportWorkspace({ databases: a })).blob.arrayBuffer());
    const hostile = rebuild(rebuildReplacing(exported, hostileRegistry(exported)), hostileItems('1'));

    const b = databases();
    await seed(b, 'already-here');
    const before = await snapshot(b);
    const report = await importWorkspace(hostile, { databases: b });

    const rejected = report.items.filter((i) => i.action === 'rejected').map((i) => [i.file, i.reason]);
    expect(rejected).toEqual(
      expect.arrayContaining([
        ['tracking/runs/11111111111111111111111111111111/run.json', 'The run has no info object.'],
        [
          'tracking/runs/22222222222222222222222222222222/run.json',
          expect.stringContaining("Invalid param name: '../../evil'"),
        ],
        [
          'tracking/runs/33333333333333333333333333333333/run.json',
          expect.stringContaining("Invalid tag name: '../../../etc/passwd'"),
        ],
        [
          'tracking/runs/44444444444444444444444444444444/run.json',
          "Invalid artifact path: '../../outside.txt'. Paths are relative, without '.' or '..' parts.",
        ],
        [
          'tracking/runs/55555555555555555555555555555555/run.json',
          expect.stringContaining('Invalid run status: "BOGUS"'),
        ],
        [
          'tracking/runs/66666666666666666666666666666666/run.json',
          expect.stringContaining("metric 'loss' is not {value, step, timestamp} numbers"),
        ],
        ['tracking/runs/..%2F..%2Fx/run.json', expect.stringContaining('Invalid run id "../../x"')],
        ['registry/models.json', expect.stringContaining("Invalid alias name: '../champion'")],
        ['tracking/experiments.json', expect.stringContaining('Invalid experiment name: ""')],
      ]),
    );
    expect(rejected).toHaveLength(9);
    expect(report.runs).toEqual({ added: 1, updated: 0, skipped: 0, rejected: 7 });
    // The good run from the archive is there, whole; what was stored before is unchanged.
    const after = await snapshot(b);
    expect(after.runs.map((r) => r.run.info.runName)).toEqual(['already-here', 'exported']);
    expect(after.runs[0]).toEqual(before.runs[0]);
    expect(after.runs[1]!.loss).toHaveLength(100);
    expect(after.models.map((m) => m.name)).toEqual(['wine-model']);
    expect(after.models[0]!.aliases).toEqual(before.models[0]!.aliases);
  });

  it('never inflates entries the manifest does not name: four 1 GiB bombs are reported and skipped', async () => {
    const a = databases();
    await seed(a, 'exported');
    const exported = new Uint8Array(await (await exportWorkspace({ databases: a })).blob.arrayBuffer());
    const bombs = unreferencedBombs(4, GiB);
    const archive = rebuild(exported, bombs, { unnamed: bombs.map((x) => x.name) });
    expect(archive.length).toBeLessThan(40 << 20);

    const b = databases();
    await seed(b, 'already-here');
    const before = await snapshot(b);
    const peak = peakRss();
    const report = await importWorkspace(archive, { databases: b });
    expect(report.unnamedEntries).toEqual(bombs.map((x) => x.name));
    expect(report.runs.added).toBe(1);
    // Inflating one bomb alone would have taken 1 GiB.
    expect(peakRss() - peak).toBeLessThan(256 << 20);
    const after = await snapshot(b);
    expect(after.runs[0]).toEqual(before.runs[0]);
  });

  it('reads an entry within its declared size: a lying header or big JSON is refused before memory grows', async () => {
    const a = databases();
    const runId = await seed(a, 'exported');
    const exported = new Uint8Array(await (await exportWorkspace({ databases: a })).blob.arrayBuffer());
    const liar = `tracking/runs/${'7'.repeat(32)}/run.json`;
    const huge = `tracking/runs/${'8'.repeat(32)}/run.json`;
    const archive = rebuild(exported, [
      { name: liar, zeros: GiB, declared: 200 }, // says 200 bytes, inflates to 1 GiB
      { name: huge, zeros: 1 << 20, declared: 0xf0000000 }, // says 3.75 GB: over the JSON cap
    ]);
    const b = databases();
    const peak = peakRss();
    const report = await importWorkspace(archive, { databases: b, available: null });
    expect(peakRss() - peak).toBeLessThan(256 << 20);
    const reasons = Object.fromEntries(
      report.items.filter((i) => i.action === 'rejected').map((i) => [i.file, i.reason]),
    );
    expect(reasons[liar]).toMatch(/expands to more than 200 bytes/);
    expect(reasons[huge]).toMatch(/expands to more than 67108864 bytes/);
    const after = await snapshot(b);
    expect(after.runs.map((r) => r.run.info.runId)).toEqual([runId]);
  });

  it('refuses an archive that expands beyond the room the browser has left, before reading anything', async () => {
    const a = databases();
    await seed(a, 'exported');
    const exported = new Uint8Array(await (await exportWorkspace({ databases: a })).blob.arrayBuffer());
    const archive = rebuild(exported, [{ name: 'files/big.bin', zeros: 64 << 20 }]);
    const b = databases();
    await seed(b, 'already-here');
    const before = await snapshot(b);
    const error = await importWorkspace(archive, { databases: b, available: 32 << 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect(error).toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringMatching(
        /expands to 67 MB, and the browser can store 34 MB more here\. Nothing was imported/,
      ),
    });
    expect(await snapshot(b)).toEqual(before);
  });
});
