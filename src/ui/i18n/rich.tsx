// A message with markup inside (a <strong> size, a <code> name, a link): the sentence stays whole in the
// catalog, for the translator to order as the language needs, and the elements go in its placeholders.
import type { ComponentChild } from 'preact';
import { t, type MessageKey, type Params } from './t';

/** `t(key)` with some placeholders filled by elements: `rich('x', { size: <strong>1 MB</strong> })`. */
export function rich(key: MessageKey, params: Readonly<Record<string, ComponentChild>>): ComponentChild[] {
  const plain: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string' || typeof v === 'number') plain[k] = v;
  const parts = t(key, plain as Params).split(/\{(\w+)\}/);
  return parts.map((part, i) => (i % 2 === 0 ? part : (params[part] ?? `{${part}}`)));
}
