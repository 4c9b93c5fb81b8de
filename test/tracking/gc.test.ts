// mlflow gc and artifact deletion through the client: only deleted runs (or runs of deleted
// experiments) are purged, with MLflow's message for the others; deleting a file or folder frees it.
import { describe, expect, it } from 'vitest';
import { TrackingClient } from '../../src/tracking/client';
import { MemoryTrackingStore } from '../../src/tracking/memory-store';
import { IdbTrackingStore } from '../../src/tracking/idb-store';
import { deletedRuns, purgeDeletedRuns, runUsage } from '../../src/tracking/gc';

describe.each([
  ['memory', () => new MemoryTrackingStore()],
  ['IndexedDB', () => new IdbTrackingStore(`gc-${Date.now()}-${Math.random()}`)],
])('gc and artifact deletion (%s)', (_name, make) => {
  it('purges deleted runs and runs of deleted experiments, refuses live ones, reports what uses space', async () => {
    const client = new TrackingClient(make());
    const keep = await client.createExperiment('keep');
    const gone = await client.createExperiment('gone');
    const live = await client.createRun(keep, { runName: 'live' });
    const trashed = await client.createRun(keep, { runName: 'trashed' });
    const orphan = await client.createRun(gone, { runName: 'in-deleted-experiment' });
    for (const r of [live, trashed, orphan]) {
      await client.logArtifact(r.info.runId, 'model/weights.bin', new Uint8Array(1000));
      await client.logBatch(r.info.runId, {
        metrics: [
          { key: 'loss', value: 1, step: 0, timestamp: 1 },
          { key: 'loss', value: 0.5, step: 1, timestamp: 2 },
        ],
      });
    }
    await client.deleteRun(trashed.info.runId);
    await client.deleteExperiment(gone);
    expect((await deletedRuns(client)).map((r) => r.info.runName).sort()).toEqual(['in-deleted-experiment', 'trashed']);
    const usage = await runUsage(client);
    expect(usage.map((u) => [u.run.info.runName, u.artifactBytes, u.metricPoints, u.deleted]).sort()).toEqual([
      ['in-deleted-experiment', 1000, 2, true],
      ['live', 1000, 2, false],
      ['trashed', 1000, 2, true],
    ]);
    await expect(purgeDeletedRuns(client, { runIds: [live.info.runId] })).rejects.toThrow(
      `Run ${live.info.runId} is not in \`deleted\` lifecycle stage. Only runs in \`deleted\` lifecycle stage can ` +
        `be deleted.`,
    );
    const result = await purgeDeletedRuns(client);
    expect(result.runs.sort()).toEqual([trashed.info.runId, orphan.info.runId].sort());
    expect(result.bytes).toBe(2 * (1000 + 2 * 24));
    await expect(client.getRun(trashed.info.runId)).rejects.toThrow('not found');
    expect((await client.getRun(live.info.runId)).info.runName).toBe('live');

    await client.logArtifact(live.info.runId, 'model/MLmodel', 'flavors: {}');
    await client.logArtifact(live.info.runId, 'notes.txt', 'x');
    expect((await client.deleteArtifacts(live.info.runId, 'model/')).map((f) => f.path)).toEqual([
      'model/MLmodel',
      'model/weights.bin',
    ]);
    expect((await client.listArtifactFiles(live.info.runId)).map((f) => f.path)).toEqual(['notes.txt']);
    await expect(client.deleteArtifacts(live.info.runId, 'model')).rejects.toThrow(
      `No artifact 'model' in run ${live.info.runId}`,
    );
    await expect(client.deleteArtifacts(live.info.runId, '../x')).rejects.toThrow('Invalid artifact path');
    await client.store.close();
  });
});
