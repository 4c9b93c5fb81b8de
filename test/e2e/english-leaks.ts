// "The Japanese UI shows no English", checked against the message catalog rather than by eye: every
// English message that differs from its Japanese one is cut at its {placeholders} into literal pieces,
// and a piece found in the page's text (a text node, an aria-label, a title, a placeholder) is a string
// left untranslated. User data (notebook cells, run names…) sits in regions the page collector skips.
import type { Page } from 'playwright-core';
import type { Catalog, Message } from '../../src/ui/i18n/t';

const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : [m.other, ...(m.one ? [m.one] : [])]);

/** The literal English pieces that must not appear on a page in the other language. */
export function englishFragments(en: Catalog, other: Catalog): string[] {
  const out = new Set<string>();
  for (const key of Object.keys(en) as Array<keyof Catalog>) {
    const translated = new Set(forms(other[key]).flatMap(pieces));
    for (const piece of forms(en[key]).flatMap(pieces)) if (!translated.has(piece)) out.add(piece);
  }
  return [...out];
}

/** A message's literal pieces worth looking for: at least three letters in a row (not "ms", not "×"). */
function pieces(template: string): string[] {
  return template
    .split(/\{\w+\}/)
    .map((p) => p.trim().replace(/^[\s:;,.·—–\-、。：「」（）()]+|[\s:;,.·—–\-、。：「」（）()]+$/g, ''))
    .filter((p) => /[A-Za-z]{3}/.test(p));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The texts of the page that contain an English fragment, each with the fragment found. */
export function englishLeaks(
  texts: readonly string[],
  fragments: readonly string[],
): Array<{ text: string; fragment: string }> {
  // A fragment counts as whole words ("Run" inside "Runtime" is not a leak). A phrase ("Run all") or a
  // capitalized word of four letters or more ("Uploaded") is a leak anywhere in a text; a lone common
  // word ("runs", "the", "value") only as the whole text, since technical names and URIs of the
  // Japanese UI contain such words (runs:/…/model, mlflow.source.type).
  const patterns = fragments.map((f) => {
    const anywhere = /\s/.test(f) || /^[A-Z][A-Za-z]{3,}$/.test(f);
    return {
      f,
      re: anywhere ? new RegExp(`(^|[^A-Za-z])${escapeRegExp(f)}($|[^A-Za-z])`) : new RegExp(`^${escapeRegExp(f)}$`),
    };
  });
  const out: Array<{ text: string; fragment: string }> = [];
  for (const text of texts) {
    const hit = patterns.find(({ re }) => re.test(text));
    if (hit) out.push({ text, fragment: hit.f });
  }
  return out;
}

/**
 * Every text of the page a user reads or hears: text nodes, aria-labels, titles, placeholders, alt
 * texts and the document's title — less what the user wrote or logged (elements marked
 * `data-user-content`, the code editor) and what is hidden from everyone.
 */
export function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const SKIP =
      '[data-user-content], .monaco-editor, .monaco-host, script, style, template, noscript, [hidden], ' +
      '[aria-hidden="true"]';
    const out: string[] = [document.title];
    const walk = (el: Element) => {
      if (el.matches(SKIP)) return;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        const v = el.getAttribute(a);
        if (v?.trim()) out.push(v.trim());
      }
      for (const node of el.childNodes) {
        if (node.nodeType === Node.TEXT_NODE && node.textContent?.trim()) out.push(node.textContent.trim());
        else if (node instanceof Element) walk(node);
      }
    };
    walk(document.body);
    return out;
  });
}
