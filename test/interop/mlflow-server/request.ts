// Reading request fields the way MLflow's handlers do (`_get_request_message` with a schema): GET
// parameters come from the query string (all strings; repeated fields repeat the parameter), other
// methods from the JSON body; a missing required field and a value of the wrong type are refused
// with MLflow's wording.
import { badParam, invalid, missingParam } from './errors';

export type Input = Record<string, unknown>;

export interface ApiRequest {
  method: string;
  /** The path after `/api/2.0/`, e.g. `mlflow/runs/create`. */
  path: string;
  input: Input;
  raw: Buffer;
  query: URLSearchParams;
}

/** Query parameters as a request message: a parameter given more than once becomes a list. */
export function queryInput(query: URLSearchParams): Input {
  const input: Input = {};
  for (const key of new Set(query.keys())) {
    const all = query.getAll(key);
    input[key] = all.length > 1 ? all : all[0];
  }
  return input;
}

export function requiredString(input: Input, name: string): string {
  const v = input[name];
  if (v === undefined || v === null || v === '') throw missingParam(name);
  if (typeof v !== 'string') throw badParam(name, v);
  return v;
}

export function optionalString(input: Input, name: string): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badParam(name, v);
  return v;
}

/** An int64 field: a JSON number or a numeric string (protobuf accepts both). */
export function optionalInt(input: Input, name: string): number | undefined {
  const v = input[name];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isInteger(n)) throw badParam(name, v);
  return n;
}

/** A repeated field: absent is empty; in a query string one value is a list of one. */
export function list(input: Input, name: string): unknown[] {
  const v = input[name];
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) throw badParam(name, v);
  return v;
}

export function stringList(input: Input, name: string): string[] {
  const items = list(input, name);
  if (items.some((x) => typeof x !== 'string')) throw badParam(name, input[name]);
  return items as string[];
}

/** `[{key, value}]` (tags, params): a missing value is '' as in protobuf. */
export function keyValueList(input: Input, name: string): Array<{ key: string; value: string }> {
  return list(input, name).map((item, i) => {
    const kv = (item ?? {}) as Input;
    if (typeof kv !== 'object' || Array.isArray(kv)) throw badParam(`${name}[${i}]`, item);
    if (kv.key !== undefined && typeof kv.key !== 'string') throw badParam(`${name}[${i}].key`, kv.key);
    if (kv.value !== undefined && kv.value !== null && typeof kv.value !== 'string')
      throw badParam(`${name}[${i}].value`, kv.value);
    return { key: (kv.key as string | undefined) ?? '', value: (kv.value as string | undefined) ?? '' };
  });
}

/** MLflow's ViewType enum, by name or number. */
export function viewType(input: Input, name: string): 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL' {
  const v = input[name];
  if (v === undefined || v === null || v === '') return 'ACTIVE_ONLY';
  const byNumber: Record<string, 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL'> = {
    1: 'ACTIVE_ONLY',
    2: 'DELETED_ONLY',
    3: 'ALL',
  };
  const s = String(v);
  if (s === 'ACTIVE_ONLY' || s === 'DELETED_ONLY' || s === 'ALL') return s;
  if (byNumber[s]) return byNumber[s]!;
  throw invalid(
    `Invalid value ${JSON.stringify(v)} for enum field '${name}'. Expected one of ACTIVE_ONLY, DELETED_ONLY, ALL.`,
  );
}

export const inView = (stage: string, view: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL') =>
  view === 'ALL' || (view === 'ACTIVE_ONLY' ? stage === 'active' : stage === 'deleted');
