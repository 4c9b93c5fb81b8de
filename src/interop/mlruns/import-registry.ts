// The registry half of importing an mlruns archive: one `mlruns/models/<name>/` folder, read as MLflow's
// file-based registry reads it (format.ts), into a RegistryClient's store (see import.ts for the rules).
import { now } from '../../lib/time';
import type { RegistryClient } from '../../model-registry/client';
import type { ModelVersion } from '../../model-registry/entities';
import { validateAlias, validateName } from '../../model-registry/validation';
import { textFilesUnder } from './archive';
import { MODEL_ALIASES_FOLDER, MODEL_TAGS_FOLDER, MODEL_VERSION_PREFIX, STAGE_DELETED_INTERNAL } from './format';
import type { MlrunsImportReport } from './import';
import { parseYamlStrings, str, type YamlStrings } from './yaml-read';

export interface ModelFolder {
  folder: string;
  /** Paths under `models/<folder>/`. */
  files: Map<string, Uint8Array>;
}

const VERSION_FILE = new RegExp(`^${MODEL_VERSION_PREFIX}(\\d+)\\/(.+)$`);

/** What is wrong with a name or alias by the registry's own rules (a name from MLflow may hold '@' or ':'), or null. */
function problemOf(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

function timestamp(v: YamlStrings | undefined, fallback: number): number {
  const t = typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(t) ? t : fallback;
}

interface ArchivedVersion {
  number: string;
  meta: Record<string, YamlStrings>;
  tags: Record<string, string>;
}

/**
 * One `models/<name>/` folder into the registry, through its store so that MLflow's timestamps and
 * user ids are kept (the client would stamp now and this user; RegistryClient.importRegisteredModel).
 */
export async function importModel(
  registry: RegistryClient,
  folder: ModelFolder,
  report: MlrunsImportReport,
): Promise<void> {
  const problem = (why: string) => report.problems.push(`Registered model ${folder.folder}: ${why}`);
  const metaBytes = folder.files.get('meta.yaml');
  if (!metaBytes) return void problem('no meta.yaml; skipped.');
  const meta = await parseYamlStrings(metaBytes);
  const name = str(meta.name) || folder.folder;
  const bad = problemOf(() => validateName(name));
  if (bad) return void problem(`${bad} Skipped.`);

  // The versions, oldest first; a deleted one (MLflow keeps its folder) is not a version.
  const versions: ArchivedVersion[] = [];
  const numbers = new Set<string>();
  for (const path of folder.files.keys()) {
    const m = VERSION_FILE.exec(path);
    if (m) numbers.add(m[1]!);
  }
  for (const number of [...numbers].sort((a, b) => Number(a) - Number(b))) {
    const dir = `${MODEL_VERSION_PREFIX}${number}`;
    const bytes = folder.files.get(`${dir}/meta.yaml`);
    if (!bytes) {
      problem(`version ${number} has no meta.yaml; skipped.`);
      continue;
    }
    const versionMeta = await parseYamlStrings(bytes);
    if (versionMeta.current_stage === STAGE_DELETED_INTERNAL) continue;
    versions.push({
      number: String(Number(number)),
      meta: versionMeta,
      tags: textFilesUnder(folder.files, `${dir}/${MODEL_TAGS_FOLDER}`),
    });
  }

  // Written on the store (the client announces the change once): MLflow's times and users are kept.
  await registry.importRegisteredModel(name, async (store) => {
    const fallbackTime = now();
    const modelTags = textFilesUnder(folder.files, MODEL_TAGS_FOLDER);
    let local = await store.getRegisteredModel(name);
    const isNew = !local;
    let changed = false;
    if (!local) {
      local = await store.createRegisteredModel(
        name,
        { description: str(meta.description), tags: modelTags },
        timestamp(meta.creation_timestamp, fallbackTime),
      );
      report.modelsCreated.push(name);
      changed = true;
    } else {
      for (const [k, v] of Object.entries(modelTags)) {
        if (k in local.tags) continue;
        await store.setRegisteredModelTag(name, k, v);
        changed = true;
      }
    }

    // Archive version number → local version number. A local version matches an archived one with the
    // same source and run id, each local version at most once (two versions of one source stay two).
    const localVersions: ModelVersion[] = (await store.listModelVersions(name)).reverse();
    const claimed = new Set<string>();
    const mapped = new Map<string, string>();
    for (const v of versions) {
      const source = str(v.meta.source);
      const runId = str(v.meta.run_id) || null;
      const twin = localVersions.find(
        (l) => !claimed.has(l.version) && l.source === source && (l.runId || null) === runId,
      );
      if (twin) {
        claimed.add(twin.version);
        mapped.set(v.number, twin.version);
        for (const [k, value] of Object.entries(v.tags)) {
          if (k in twin.tags) continue;
          await store.setModelVersionTag(name, twin.version, k, value);
          changed = true;
        }
        report.modelVersionsSkipped.push(`${name}/${twin.version}`);
        continue;
      }
      const creation = timestamp(v.meta.creation_timestamp, fallbackTime);
      const description = str(v.meta.description);
      let added = await store.createModelVersion(
        name,
        { source, runId, userId: str(v.meta.user_id) || 'unknown', description, tags: v.tags },
        creation,
      );
      const updated = timestamp(v.meta.last_updated_timestamp, creation);
      if (updated !== added.lastUpdatedTimestamp)
        added = await store.updateModelVersion(name, added.version, { description }, updated);
      localVersions.push(added);
      claimed.add(added.version);
      mapped.set(v.number, added.version);
      report.modelVersionsImported.push(`${name}/${added.version}`);
      changed = true;
    }

    // aliases/<alias> holds the version number (FileStore.set_registered_model_alias).
    const lastUpdated = timestamp(meta.last_updated_timestamp, fallbackTime);
    const current = (await store.getRegisteredModel(name))!;
    for (const [alias, content] of Object.entries(textFilesUnder(folder.files, MODEL_ALIASES_FOLDER))) {
      const archived = String(Number(content.trim()));
      const target = mapped.get(archived);
      const badAlias = problemOf(() => validateAlias(alias));
      if (badAlias) problem(`alias '${alias}': ${badAlias} Left out.`);
      else if (!target)
        problem(
          `alias '${alias}' names version ${content.trim()}, which is not among the archive's versions; left out.`,
        );
      else if (alias in current.aliases) {
        if (current.aliases[alias] !== target)
          problem(`alias '${alias}' already names version ${current.aliases[alias]} here; kept.`);
      } else {
        await store.setAlias(name, alias, target, isNew ? lastUpdated : now());
        changed = true;
      }
    }
    if (changed) {
      // A model this import made keeps the archive's last update; one that was here was updated now.
      const description = isNew ? str(meta.description) : current.description;
      await store.updateRegisteredModel(name, { description }, isNew ? lastUpdated : now());
    }
    return changed;
  });
}
