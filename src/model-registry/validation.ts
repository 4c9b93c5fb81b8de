// MLflow's rules for registered model names and aliases, with its messages: the registry client checks
// what users give it, and importers check what archives hold, by the same rules.
import { TrackingError } from '../lib/errors';
import { RUN_ID_PATTERN } from '../lib/ids';
import { validateKey } from '../tracking/validation';
import type { StoredModelVersion } from '../storage/schema';
import type { RegisteredModel } from './entities';

export function validateName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !name.trim()) throw new TrackingError('Registered model name cannot be empty.');
  if (name.length > 250)
    throw new TrackingError(`Registered model name '${name.slice(0, 40)}…' is longer than 250 characters.`);
  if (/[/@:]/.test(name))
    throw new TrackingError(
      `Invalid model name: '${name}'. Names may not contain '/', '@' or ':' (they would clash with models:/ URIs).`,
    );
}

export function validateAlias(alias: unknown): asserts alias is string {
  if (typeof alias !== 'string' || !/^[\w-]{1,255}$/.test(alias)) {
    throw new TrackingError(`Invalid alias name: '${String(alias)}'. Aliases are 1–255 letters, digits, '_' or '-'.`);
  }
  if (alias.toLowerCase() === 'latest') throw new TrackingError("'latest' alias name (case insensitive) is reserved.");
  if (/^v\d+$/i.test(alias)) throw new TrackingError(`Version alias name '${alias}' is reserved.`);
}

// ── checking what an archive brings ────────────────────────────────────────

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function checkTags(v: unknown, what: string): Record<string, string> {
  if (!isRecord(v)) throw new TrackingError(`${what} tags are not an object of strings.`);
  for (const [k, value] of Object.entries(v)) {
    validateKey('tag', k);
    if (typeof value !== 'string') throw new TrackingError(`${what} tag '${k}' is not a string.`);
  }
  return v as Record<string, string>;
}

/** A registered model from outside, by the rules the registry client applies (names, aliases, tags). */
export function checkModel(x: unknown): RegisteredModel {
  if (!isRecord(x)) throw new TrackingError('A registered model is not an object.');
  validateName(x.name);
  const what = `Registered model '${x.name}'`;
  if (typeof x.description !== 'string') throw new TrackingError(`${what} has no description string.`);
  if (!isTime(x.creationTimestamp) || !isTime(x.lastUpdatedTimestamp))
    throw new TrackingError(`${what} has invalid timestamps.`);
  if (!isRecord(x.aliases)) throw new TrackingError(`${what} aliases are not an object.`);
  for (const [alias, version] of Object.entries(x.aliases)) {
    validateAlias(alias);
    if (typeof version !== 'string' || !/^[1-9]\d{0,9}$/.test(version))
      throw new TrackingError(
        `${what} alias '${alias}' names version ${JSON.stringify(version)}, not a version number.`,
      );
  }
  return {
    name: x.name,
    description: x.description,
    creationTimestamp: x.creationTimestamp as number,
    lastUpdatedTimestamp: x.lastUpdatedTimestamp as number,
    tags: { ...checkTags(x.tags ?? {}, what) },
    aliases: { ...(x.aliases as Record<string, string>) },
  };
}

const STATUSES = ['READY', 'PENDING_REGISTRATION', 'FAILED_REGISTRATION'];

/** A stored model version from outside (its number a positive integer, its fields their types). */
export function checkVersion(x: unknown): StoredModelVersion {
  if (!isRecord(x)) throw new TrackingError('A model version is not an object.');
  validateName(x.name);
  const what = `Model version ${x.name}/${String(x.version)}`;
  if (typeof x.version !== 'number' || !Number.isInteger(x.version) || x.version < 1)
    throw new TrackingError(`${what}: the version is not a positive integer.`);
  if (typeof x.source !== 'string' || !x.source) throw new TrackingError(`${what} has no source.`);
  if (x.runId !== null && (typeof x.runId !== 'string' || !RUN_ID_PATTERN.test(x.runId)))
    throw new TrackingError(`${what} names run ${JSON.stringify(x.runId)}, not a run id.`);
  if (!STATUSES.includes(x.status as string))
    throw new TrackingError(`${what} has status ${JSON.stringify(x.status)}; expected one of ${STATUSES.join(', ')}.`);
  if (!isTime(x.creationTimestamp) || !isTime(x.lastUpdatedTimestamp))
    throw new TrackingError(`${what} has invalid timestamps.`);
  if (typeof x.userId !== 'string' || typeof x.description !== 'string')
    throw new TrackingError(`${what} has no user id or description string.`);
  return {
    name: x.name,
    version: x.version,
    source: x.source,
    runId: x.runId as string | null,
    status: x.status as StoredModelVersion['status'],
    creationTimestamp: x.creationTimestamp as number,
    lastUpdatedTimestamp: x.lastUpdatedTimestamp as number,
    userId: x.userId,
    description: x.description,
    tags: { ...checkTags(x.tags ?? {}, what) },
  };
}
