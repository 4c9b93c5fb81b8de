// "Export as MLflow" never writes an entry that leaves its folder when extracted, even from keys and
// artifact paths with `..` stored before the importers checked them (issue 15, item 1).
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { MemoryTrackingStore } from '../../src/tracking/memory-store';
import { TrackingClient } from '../../src/tracking/client';
import { exportMlruns } from '../../src/interop/mlruns/export';

describe('mlruns export of stored bad data', () => {
  it('leaves out entries whose path has a .. segment and says which; the rest is exported', async () => {
    const store = new MemoryTrackingStore();
    const exp = (await store.createExperiment({ name: 'wine', creationTime: 1 })).experimentId;
    const runId = 'a'.repeat(32);
    // Written straight to the store, as an old import did, around the client's validation.
    await store.createRun({
      info: {
        runId,
        runName: 'bad',
        experimentId: exp,
        userId: 'u',
        status: 'FINISHED',
        startTime: 1,
        endTime: 2,
        artifactUri: 'x',
        lifecycleStage: 'active',
      },
      data: { params: {}, metrics: {}, tags: {} },
      inputs: { datasetInputs: [] },
    });
    await store.logBatch(runId, {
      params: [
        { key: '../../evil', value: 'x' },
        { key: 'alpha', value: '0.5' },
      ],
      tags: [{ key: 'a/../../../b', value: 'y' }],
      metrics: [
        { key: '../m', value: 1, step: 0, timestamp: 1 },
        { key: 'loss', value: 2, step: 0, timestamp: 1 },
      ],
    });
    const bytes = (t: string) => new TextEncoder().encode(t).buffer as ArrayBuffer;
    await store.putArtifact(runId, { path: '../../outside.txt', contentType: 'text/plain', bytes: bytes('evil') });
    await store.putArtifact(runId, { path: 'model\\..\\..\\win.txt', contentType: 'text/plain', bytes: bytes('evil') });
    await store.putArtifact(runId, { path: 'notes.txt', contentType: 'text/plain', bytes: bytes('ok') });

    const skipped: string[] = [];
    const names = Object.keys(
      unzipSync(await exportMlruns(new TrackingClient(store), { onSkipped: (p) => skipped.push(p) })),
    );
    for (const n of names) expect(n.split(/[/\\]/), n).not.toContain('..');
    const dir = `mlruns/${exp}/${runId}`;
    expect(names).toEqual(
      expect.arrayContaining([`${dir}/params/alpha`, `${dir}/metrics/loss`, `${dir}/artifacts/notes.txt`]),
    );
    expect(skipped.sort()).toEqual([
      `${dir}/artifacts/../../outside.txt`,
      `${dir}/artifacts/model\\..\\..\\win.txt`,
      `${dir}/metrics/../m`,
      `${dir}/params/../../evil`,
      `${dir}/tags/a/../../../b`,
    ]);
  });
});
