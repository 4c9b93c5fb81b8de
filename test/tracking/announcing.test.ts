// The clients announce what their bulk writes change — gc's purge, an import's registry writes — so the
// code that asks for them (tracking/gc.ts, interop/mlruns, workspace/) needs no announcing of its own
// (an architecture rule holds them to it).
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/model-registry/client';
import { MemoryRegistryStore } from '../../src/model-registry/memory-store';
import { TrackingClient } from '../../src/tracking/client';
import { subscribe, type TrackingMessage } from '../../src/tracking/events';
import { purgeDeletedRuns } from '../../src/tracking/gc';
import { MemoryTrackingStore } from '../../src/tracking/memory-store';

let stop: () => void = () => {};
afterEach(() => stop());

/** The messages about the store at `uri`, as they arrive. */
function heard(uri: string): TrackingMessage[] {
  const out: TrackingMessage[] = [];
  stop = subscribe((m) => {
    if (m.store === uri) out.push(m);
  });
  return out;
}

describe('announcing through the clients', () => {
  it("gc's purge announces each purged run, and only those", async () => {
    const client = new TrackingClient(new MemoryTrackingStore(`memory:purge-${Math.random()}`));
    const exp = await client.createExperiment('e');
    const [a, b, live] = await Promise.all(['a', 'b', 'live'].map((runName) => client.createRun(exp, { runName })));
    await client.deleteRun(a!.info.runId);
    await client.deleteRun(b!.info.runId);
    const messages = heard(client.store.uri);
    const result = await purgeDeletedRuns(client);
    expect(result.runs.sort()).toEqual([a!.info.runId, b!.info.runId].sort());
    expect(messages.map((m) => m.type === 'run-updated' && m.runId).sort()).toEqual(result.runs.sort());
    expect(messages.some((m) => m.type === 'run-updated' && m.runId === live!.info.runId)).toBe(false);
  });

  it('a store that cannot purge is refused before the runs are chosen', async () => {
    const store = new MemoryTrackingStore(`memory:server-like-${Math.random()}`);
    Object.defineProperty(store, 'purgeRuns', { value: undefined });
    const client = new TrackingClient(store);
    let chosen = false;
    await expect(
      client.purgeRuns(async () => {
        chosen = true;
        return [];
      }),
    ).rejects.toThrow(`${store.uri} cannot purge runs here; run \`mlflow gc\` on the server.`);
    expect(chosen).toBe(false);
  });

  it("an import's registry writes keep their times and are announced once, when they change something", async () => {
    const registry = new RegistryClient(new MemoryRegistryStore(`memory:registry-${Math.random()}`));
    const messages = heard(registry.store.uri);
    await registry.importRegisteredModel('wine', async (store) => {
      await store.createRegisteredModel('wine', { description: 'red' }, 1700000000000);
      await store.setRegisteredModelTag('wine', 'team', 'ml');
      return true;
    });
    expect(messages).toEqual([{ type: 'model-registered', name: 'wine', store: registry.store.uri }]);
    expect((await registry.getRegisteredModel('wine')).creationTimestamp).toBe(1700000000000);
    await registry.importRegisteredModel('wine', async () => false);
    expect(messages).toHaveLength(1);
  });

  it('an archived model restored whole is announced', async () => {
    const registry = new RegistryClient(new MemoryRegistryStore(`memory:restore-${Math.random()}`));
    const messages = heard(registry.store.uri);
    const model = {
      name: 'wine',
      creationTimestamp: 1,
      lastUpdatedTimestamp: 2,
      description: '',
      tags: {},
      aliases: {},
    };
    await registry.restoreDumpedModel({ model, versions: [] });
    expect(messages).toEqual([{ type: 'model-registered', name: 'wine', store: registry.store.uri }]);
    expect(await registry.getRegisteredModel('wine')).toMatchObject({ name: 'wine', lastUpdatedTimestamp: 2 });
  });
});
