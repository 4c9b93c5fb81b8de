// The notebook page as static HTML, for the first paint of a first visit: the build (kiroku:prerender in
// vite.config.ts) puts the walkthrough's view into index.html, so a new user reads it as soon as the page
// arrives, before any script has run, and can start editing its code. It is the app's markup (same
// classes, so the same layout and heights): the top bar, the list and the heading are a picture (inert,
// hidden from assistive technology: the app's own, with every control, come with it), the code cells are
// textareas named as the app's stand-ins are, whose text, caret and run keys go over to the app's view
// when it replaces this one (ui/prerendered.ts). Plain strings, no DOM: it runs in Node at build time.
// (A textarea's first line break is dropped by the HTML parser, so each starts with one: a source's own
// leading one survives.)
import type { Cell } from '../../notebook/document';
import { FIRST_SAMPLE } from '../../notebook/samples';
import { setLocale } from '../i18n/locale';
import { t } from '../i18n/t';
import { CELL_INDEX_ATTRIBUTE, PRERENDERED_VIEW } from '../prerendered';
import { editorHeight, lineCount } from './code-editor';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function cellHtml(cell: Cell, index: number): string {
  if (cell.type === 'markdown')
    return (
      `<div class="cell cell-markdown"><div class="prompt" aria-hidden="true"></div><div class="cell-body">` +
      `<div class="markdown markdown-source">${escapeHtml(cell.source)}</div></div></div>`
    );
  const height = editorHeight(lineCount(cell.source));
  const kind = cell.language === 'javascript' ? 'JavaScript' : 'TypeScript';
  const label = t('cell.source', { name: t('cell.name', { n: index + 1 }), kind });
  return (
    `<div class="cell cell-code"><div class="prompt" aria-hidden="true">[ ]</div><div class="cell-body">` +
    `<div class="cell-editor" data-language="${cell.language}"><textarea class="code-static" ` +
    `aria-label="${escapeHtml(label)}" ${CELL_INDEX_ATTRIBUTE}="${index}" wrap="off" spellcheck="false" ` +
    `autocomplete="off" autocapitalize="off" style="height: ${height}px">\n${escapeHtml(cell.source)}</textarea>` +
    `</div></div></div>`
  );
}

/** The shell's top bar and the notebook page showing `doc`, as the app would first draw them. */
export function staticNotebookPage(doc: { name: string; cells: readonly Cell[] }): string {
  const nav = (['notebook', 'experiments', 'models', 'predict'] as const)
    .map((id) => `<li><a${id === 'notebook' ? ' aria-current="page"' : ''}>${escapeHtml(t(`nav.${id}`))}</a></li>`)
    .join('');
  const picture = 'inert aria-hidden="true"';
  return (
    `<header class="topbar" ${picture}><a class="brand"><span>記録</span> Kiroku</a>` +
    `<nav><ul>${nav}</ul></nav><a class="settings-link">${escapeHtml(t('nav.settings'))}</a></header>` +
    `<main><div class="nb-layout"><nav class="sidebar nb-list" ${picture}><h2>${escapeHtml(t('nb.list'))}</h2>` +
    `<ul><li><a aria-current="page">${escapeHtml(doc.name)}</a></li></ul></nav>` +
    `<section class="page nb-main"><header class="nb-header" ${picture}><h1>${escapeHtml(doc.name)}</h1></header>` +
    `<div class="notebook"><div class="cells">${doc.cells.map(cellHtml).join('')}</div></div></section>` +
    `</div></main>`
  );
}

/** What index.html's body starts with: the English walkthrough, as a first visit opens it (hidden until shown). */
export function prerenderedWalkthrough(): string {
  setLocale('en');
  return `<div id="${PRERENDERED_VIEW}">${staticNotebookPage(FIRST_SAMPLE.en.create())}</div>`;
}
