// MLflow's identifier rules (SearchUtils._get_identifier): `<entity>.<key>`, where the entity has
// several accepted spellings, and a bare name means an attribute. Attribute and dataset keys come
// from a closed list; metric, param and tag keys are free.

import type { EntityType } from './ast';
import type { IdentToken } from './lexer';
import { syntaxError } from './syntax-error';

const ENTITY_ALIASES = new Map<string, EntityType>([
  ['metric', 'metric'],
  ['metrics', 'metric'],
  ['parameter', 'param'],
  ['parameters', 'param'],
  ['param', 'param'],
  ['params', 'param'],
  ['tag', 'tag'],
  ['tags', 'tag'],
  ['attribute', 'attribute'],
  ['attributes', 'attribute'],
  ['attr', 'attribute'],
  ['run', 'attribute'],
  ['dataset', 'dataset'],
  ['datasets', 'dataset'],
]);

/** MLflow's searchable RunInfo attributes, plus its aliases (`created`, `Run name`, …). */
const ATTRIBUTE_ALIASES = new Map<string, string>([
  ['run_id', 'run_id'],
  ['run_name', 'run_name'],
  ['status', 'status'],
  ['start_time', 'start_time'],
  ['end_time', 'end_time'],
  ['artifact_uri', 'artifact_uri'],
  ['user_id', 'user_id'],
  ['created', 'start_time'],
  ['Created', 'start_time'],
  ['run name', 'run_name'],
  ['Run name', 'run_name'],
  ['Run Name', 'run_name'],
]);

const NUMERIC_ATTRIBUTES = new Set(['start_time', 'end_time']);
const DATASET_KEYS = new Set(['name', 'digest', 'context']);

export interface Identifier {
  entity: EntityType;
  key: string;
  /** Whether values compare as numbers (metrics, start_time, end_time) rather than strings. */
  numeric: boolean;
}

export function resolveIdentifier(token: IdentToken): Identifier {
  if (token.key === '') {
    throw syntaxError(
      `Invalid identifier '${token.text}'. Columns should be specified as 'attribute.<key>', ` +
        `'metric.<key>', 'tag.<key>', 'dataset.<key>', or 'param.<key>'`,
      token.start,
    );
  }
  const entity = token.prefix === null ? 'attribute' : ENTITY_ALIASES.get(token.prefix);
  if (entity === undefined) {
    throw syntaxError(
      `Invalid entity type '${token.prefix}'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']`,
      token.start,
    );
  }
  if (entity === 'attribute') {
    const key = ATTRIBUTE_ALIASES.get(token.key);
    if (key === undefined) {
      throw syntaxError(
        `Invalid attribute key '${token.key}' specified. Valid keys are '${[...ATTRIBUTE_ALIASES.keys()].join(', ')}'`,
        token.keyStart,
      );
    }
    return { entity, key, numeric: NUMERIC_ATTRIBUTES.has(key) };
  }
  if (entity === 'dataset' && !DATASET_KEYS.has(token.key)) {
    throw syntaxError(
      `Invalid dataset key '${token.key}' specified. Valid keys are '${[...DATASET_KEYS].join(', ')}'`,
      token.keyStart,
    );
  }
  return { entity, key: token.key, numeric: entity === 'metric' };
}
