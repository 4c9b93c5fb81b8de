// Reading the meta.yaml files of an MLflow file store: plainly (runs, experiments), or as PyYAML wrote
// them when every value is a string (datasets, inputs, the registry).
import { strFromU8 } from 'fflate';
import { TrackingError } from '../../lib/errors';

export async function parseYaml(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const { parse } = await import('yaml');
  return (parse(strFromU8(bytes)) ?? {}) as Record<string, unknown>;
}

export type YamlStrings = string | null | YamlStrings[] | { [key: string]: YamlStrings };

/**
 * A meta.yaml whose values are all strings (a dataset's, an input's), read as PyYAML reads what it
 * wrote: PyYAML quotes a string only when it would resolve to another type under YAML 1.1, so a digest
 * such as `12e45678` or `1e5` is written plain and is a string — which a YAML 1.2 (or this library's
 * 1.1) reader would take for a number. Every scalar is its text, except a plain null (`null`, `~`, empty).
 */
export async function parseYamlStrings(bytes: Uint8Array): Promise<Record<string, YamlStrings>> {
  const { parseDocument, isMap, isScalar, isSeq } = await import('yaml');
  const doc = parseDocument(strFromU8(bytes), { schema: 'failsafe' });
  if (doc.errors.length) throw new TrackingError(`Unreadable YAML: ${doc.errors[0]!.message}`);
  const value = (node: unknown): YamlStrings => {
    if (isMap(node))
      return Object.fromEntries(node.items.map((p) => [String(isScalar(p.key) ? p.key.value : p.key), value(p.value)]));
    if (isSeq(node)) return node.items.map(value);
    if (isScalar(node)) {
      const text = String(node.value ?? '');
      return node.type === 'PLAIN' && /^(?:~|null|Null|NULL|)$/.test(text) ? null : text;
    }
    return null;
  };
  const root = value(doc.contents);
  return root && typeof root === 'object' && !Array.isArray(root) ? root : {};
}

/** A string field of a string-valued meta.yaml, '' when absent or not a string. */
export const str = (v: YamlStrings | undefined) => (typeof v === 'string' ? v : '');
