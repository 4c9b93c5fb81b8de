// Messages of the UI in the current language. A message is a string with `{name}` placeholders, or a set
// of plural forms chosen by Intl.PluralRules on the `count` parameter (English has one/other; Japanese
// only other). The catalogs (en.ts, ja.ts) have the same keys: ja.ts is typed so a missing key fails
// the type check.
import { en, type MessageKey } from './en';
import { ja } from './ja';
import { locale, type Locale } from './locale';

import type { Message } from './section';

export type { Message };
export type Catalog = { readonly [K in MessageKey]: Message };
export type Params = Readonly<Record<string, string | number>>;
export type { MessageKey };

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, ja };

const pluralRules = new Map<Locale, Intl.PluralRules>();

export function translate(lang: Locale, key: MessageKey, params?: Params): string {
  const message: Message = CATALOGS[lang][key] ?? en[key];
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const count = Number(params?.count ?? 0);
    let rules = pluralRules.get(lang);
    if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
    const form = rules.select(count);
    text = (form === 'one' ? message.one : undefined) ?? message.other;
  }
  return params
    ? text.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all))
    : text;
}

/** The message `key` in the UI's language, its `{placeholders}` filled from `params`. */
export function t(key: MessageKey, params?: Params): string {
  return translate(locale(), key, params);
}
