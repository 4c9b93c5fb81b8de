// The registry half of "Sync to MLflow": a synced run's registered model versions follow it to the
// server — the registered model (made if missing), a version whose source points at the remote run,
// and the aliases that name that version locally. Resumable like runs: a version already made from
// the same remote run and path is found (model-versions/search) and not made again.
import type { RegistryClient } from '../../model-registry/client';
import type { ModelVersion } from '../../model-registry/entities';
import { api, MlflowServerError, type RestOptions } from './http';
import { toKeyValues, type Json } from './json';
import { runsUriParts } from '../../lib/model-uri';

async function ensureRegisteredModel(o: RestOptions, name: string, description: string): Promise<void> {
  try {
    await api(o, 'POST', 'registered-models/create', { name, ...(description ? { description } : {}) });
  } catch (err) {
    if (!(err instanceof MlflowServerError) || err.code !== 'RESOURCE_ALREADY_EXISTS') throw err;
  }
}

/** The server's version of this model made from `source`, if an earlier sync made it. */
async function existingVersion(
  o: RestOptions,
  name: string,
  remoteRunId: string,
  source: string,
): Promise<string | undefined> {
  if (name.includes("'")) return undefined; // not expressible as a filter literal; a duplicate is the lesser harm
  const r = await api<{ model_versions?: Json[] }>(o, 'GET', 'model-versions/search', undefined, {
    filter: `name='${name}' and run_id='${remoteRunId}'`,
    max_results: '1000',
  });
  return (r.model_versions ?? []).find((v) => v.source === source)?.version as string | undefined;
}

/** Register on the server the local versions made from `runId`; returns how many were created there. */
export async function syncModelVersions(
  o: RestOptions,
  registry: RegistryClient,
  runId: string,
  remoteRunId: string,
): Promise<number> {
  const versions = (await registry.store.listModelVersions()).filter((v) => v.runId === runId);
  let created = 0;
  for (const v of versions.sort((a, b) => Number(a.version) - Number(b.version))) {
    const path = runsUriParts(v.source)?.path;
    if (path === undefined) continue; // a version not made from a run's model has nothing to point at
    const source = `runs:/${remoteRunId}/${path}`;
    const model = await registry.getRegisteredModel(v.name);
    await ensureRegisteredModel(o, v.name, model.description);
    let remoteVersion = await existingVersion(o, v.name, remoteRunId, source);
    if (!remoteVersion) {
      remoteVersion = await createVersion(o, v, remoteRunId, source);
      created++;
    }
    for (const alias of v.aliases)
      await api(o, 'POST', 'registered-models/alias', { name: v.name, alias, version: remoteVersion });
  }
  return created;
}

async function createVersion(o: RestOptions, v: ModelVersion, remoteRunId: string, source: string): Promise<string> {
  const r = await api<{ model_version: Json }>(o, 'POST', 'model-versions/create', {
    name: v.name,
    source,
    run_id: remoteRunId,
    tags: toKeyValues(v.tags),
    ...(v.description ? { description: v.description } : {}),
  });
  return String(r.model_version.version);
}
