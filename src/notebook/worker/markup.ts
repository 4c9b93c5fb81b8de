// Strings marked for rich display: `html('<b>hi</b>')` renders as HTML (the page sanitizes it) and
// `markdown('# Title')` as Markdown, under the cell that displays them. Also `import { html } from
// 'kiroku'`. The mark is a symbol, so a plain `{ html }` object is only taken as HTML when it has no
// other keys.

export const HTML_MARK = Symbol.for('kiroku.html');
export const MARKDOWN_MARK = Symbol.for('kiroku.markdown');

/** Marks a string as HTML to render (sanitized by the page): `display(html('<b>hi</b>'))`. */
export function html(markup: string): { html: string } {
  return { html: String(markup), [HTML_MARK]: true } as { html: string };
}

/** Marks a string as Markdown to render. */
export function markdown(text: string): { markdown: string } {
  return { markdown: String(text), [MARKDOWN_MARK]: true } as { markdown: string };
}
