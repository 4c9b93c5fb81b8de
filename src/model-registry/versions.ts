// Shared by both registry stores: a stored version row ⇄ the ModelVersion entity (aliases derived).
import type { StoredModelVersion } from '../storage/schema';
import type { ModelVersion, RegisteredModel } from './entities';

export function toModelVersion(row: StoredModelVersion, model: RegisteredModel | undefined): ModelVersion {
  const version = String(row.version);
  const aliases = Object.entries(model?.aliases ?? {})
    .filter(([, v]) => v === version)
    .map(([a]) => a)
    .sort();
  return { ...row, tags: { ...row.tags }, version, aliases };
}

/** Newest first, then by model name. */
export function versionOrder(a: StoredModelVersion, b: StoredModelVersion): number {
  return a.name === b.name ? b.version - a.version : a.name.localeCompare(b.name);
}

export function setOrDelete(record: Record<string, string>, key: string, value: string | null): void {
  if (value === null) delete record[key];
  else record[key] = value;
}
