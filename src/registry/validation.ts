// MLflow's rules for registered model names and aliases, with its messages: the registry client checks
// what users give it, and importers check what archives hold, by the same rules.
import { TrackingError } from '../lib/errors';

export function validateName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !name.trim()) throw new TrackingError('Registered model name cannot be empty.');
  if (name.length > 250) throw new TrackingError(`Registered model name '${name.slice(0, 40)}…' is longer than 250 characters.`);
  if (/[/@:]/.test(name)) throw new TrackingError(`Invalid model name: '${name}'. Names may not contain '/', '@' or ':' (they would clash with models:/ URIs).`);
}

export function validateAlias(alias: unknown): asserts alias is string {
  if (typeof alias !== 'string' || !/^[\w-]{1,255}$/.test(alias)) {
    throw new TrackingError(`Invalid alias name: '${String(alias)}'. Aliases are 1–255 letters, digits, '_' or '-'.`);
  }
  if (alias.toLowerCase() === 'latest') throw new TrackingError("'latest' alias name (case insensitive) is reserved.");
  if (/^v\d+$/i.test(alias)) throw new TrackingError(`Version alias name '${alias}' is reserved.`);
}
