// Registered models from a workspace archive, through the registry client (which announces each).
// A model merges by name; its versions by number and source: a version already here (same source and
// run) is skipped or, when the archive's is newer, updated; a different source under a taken number
// becomes a new version, and the aliases follow the renumbering. A model's description, tags and
// aliases here are kept; only missing ones are added.
import type { RegistryClient } from '../model-registry/client';
import type { ModelVersion, RegisteredModel } from '../model-registry/entities';
import { checkModel, checkVersion } from '../model-registry/validation';
import type { StoredModelVersion } from '../storage/schema';
import type { Archive } from './archive-reader';
import { WorkspaceError } from './errors';
import type { ImportReport, Note } from './import-report';
import { reasonOf, rejectedRecord } from './import-report';

function stored(v: ModelVersion): StoredModelVersion {
  const { aliases: _a, ...rest } = v;
  return { ...rest, version: Number(v.version) };
}

export async function importRegistry(
  a: Archive,
  registry: RegistryClient,
  report: ImportReport,
  note: Note,
): Promise<void> {
  const store = registry.store;
  const file = 'registry/models.json';
  let models: unknown, versions: unknown;
  try {
    models = await a.json<unknown>(file, []);
    versions = await a.json<unknown>('registry/versions.json', []);
    if (!Array.isArray(models) || !Array.isArray(versions))
      throw new WorkspaceError('registry/models.json and versions.json must be lists');
  } catch (err) {
    note(
      { file, kind: 'registeredModel', name: file, action: 'rejected', reason: reasonOf(err) },
      report.registeredModels,
    );
    return;
  }
  for (const raw of models) {
    let m: RegisteredModel;
    let archived: StoredModelVersion[];
    try {
      m = checkModel(raw);
      archived = versions
        .filter((v) => (v as { name?: unknown })?.name === m.name)
        .map(checkVersion)
        .sort((x, y) => x.version - y.version);
      if (new Set(archived.map((v) => v.version)).size !== archived.length)
        throw new WorkspaceError('a version number is listed twice');
    } catch (err) {
      note(rejectedRecord(file, 'registeredModel', raw, err), report.registeredModels);
      continue;
    }
    const local = await store.getRegisteredModel(m.name);
    const localVersions = local ? (await store.listModelVersions(m.name)).map(stored) : [];
    const byNumber = new Map(localVersions.map((v) => [v.version, v]));
    let max = localVersions.reduce((x, v) => Math.max(x, v.version), 0);
    const renumbered = new Map<number, number>();
    const writes: StoredModelVersion[] = [];
    for (const v of archived) {
      const same = byNumber.get(v.version);
      if (same && same.source === v.source && same.runId === v.runId) {
        if (v.lastUpdatedTimestamp > same.lastUpdatedTimestamp) {
          writes.push(v);
          report.modelVersions.updated++;
        } else report.modelVersions.skipped++;
        continue;
      }
      // A version of the same source under another number is the same version.
      const twin = localVersions.find((l) => l.source === v.source && l.runId === v.runId);
      if (twin) {
        renumbered.set(v.version, twin.version);
        report.modelVersions.skipped++;
        continue;
      }
      const number = same ? ++max : v.version;
      max = Math.max(max, number);
      if (number !== v.version) renumbered.set(v.version, number);
      writes.push({ ...v, version: number });
      report.modelVersions.added++;
    }
    const known = new Set([...localVersions.map((v) => v.version), ...writes.map((v) => v.version)]);
    const aliases: Record<string, string> = { ...local?.aliases };
    for (const [alias, version] of Object.entries(m.aliases)) {
      const target = renumbered.get(Number(version)) ?? Number(version);
      if (!(alias in aliases) && known.has(target)) aliases[alias] = String(target);
    }
    const merged: RegisteredModel = local
      ? {
          ...local,
          description: local.description || m.description,
          tags: { ...m.tags, ...local.tags },
          aliases,
          lastUpdatedTimestamp: Math.max(local.lastUpdatedTimestamp, m.lastUpdatedTimestamp),
        }
      : { ...m, aliases };
    const unchanged = local && !writes.length && JSON.stringify(merged) === JSON.stringify(local);
    if (unchanged) {
      note(
        { file, kind: 'registeredModel', name: m.name, action: 'skipped', reason: 'already here' },
        report.registeredModels,
      );
      continue;
    }
    await registry.restoreDumpedModel({ model: merged, versions: writes });
    note({ file, kind: 'registeredModel', name: m.name, action: local ? 'updated' : 'added' }, report.registeredModels);
  }
}
