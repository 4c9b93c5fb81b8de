// The notebook page as static HTML, for the first paint of a first visit: the build (kiroku:prerender in
// vite.config.ts) puts the walkthrough's view into index.html, so a new user reads it as soon as the page
// arrives, before any script has run. It is the app's markup (same classes, so the same layout and
// heights) reduced to what can be read: `inert` (nothing in it takes a click, the focus or typing) and
// its code in read-only textareas. The app removes it when its own view of the stored notebook is there
// (ui/prerendered.ts). Plain strings, no DOM: it runs in Node at build time. (A textarea's first line
// break is dropped by the HTML parser, so each starts with one: a source's own leading one survives.)
import type { Cell } from '../../notebook/document';
import { FIRST_SAMPLE } from '../../notebook/samples';
import { setLocale } from '../i18n/locale';
import { t } from '../i18n/t';
import { PRERENDERED_TEMPLATE, PRERENDERED_VIEW } from '../prerendered';
import { editorHeight, lineCount } from './code-editor';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function cellHtml(cell: Cell): string {
  if (cell.type === 'markdown')
    return (
      `<div class="cell cell-markdown"><div class="prompt" aria-hidden="true"></div><div class="cell-body">` +
      `<div class="markdown markdown-source">${escapeHtml(cell.source)}</div></div></div>`
    );
  const height = editorHeight(lineCount(cell.source));
  return (
    `<div class="cell cell-code"><div class="prompt" aria-hidden="true">[ ]</div><div class="cell-body">` +
    `<div class="cell-editor" data-language="${cell.language}"><textarea class="code-static" readonly ` +
    `wrap="off" spellcheck="false" ` +
    `style="height: ${height}px">\n${escapeHtml(cell.source)}</textarea></div></div></div>`
  );
}

/** The shell's top bar and the notebook page showing `doc`, as the app would first draw them. */
export function staticNotebookPage(doc: { name: string; cells: readonly Cell[] }): string {
  const nav = (['notebook', 'experiments', 'models', 'predict'] as const)
    .map((id) => `<li><a${id === 'notebook' ? ' aria-current="page"' : ''}>${escapeHtml(t(`nav.${id}`))}</a></li>`)
    .join('');
  return (
    `<header class="topbar"><a class="brand"><span aria-hidden="true">記録</span> Kiroku</a>` +
    `<nav aria-label="${escapeHtml(t('nav.main'))}"><ul>${nav}</ul></nav>` +
    `<a class="settings-link">${escapeHtml(t('nav.settings'))}</a></header>` +
    `<main><div class="nb-layout"><nav class="sidebar nb-list"><h2>${escapeHtml(t('nb.list'))}</h2>` +
    `<ul><li><a aria-current="page">${escapeHtml(doc.name)}</a></li></ul></nav>` +
    `<section class="page nb-main"><header class="nb-header"><h1>${escapeHtml(doc.name)}</h1></header>` +
    `<div class="notebook"><div class="cells">${doc.cells.map(cellHtml).join('')}</div></div></section>` +
    `</div></main>`
  );
}

/** What index.html carries: the English walkthrough, as a first visit opens it, in its <template>. */
export function prerenderedWalkthrough(): string {
  setLocale('en');
  const view = staticNotebookPage(FIRST_SAMPLE.en.create());
  // Inert is also hidden from assistive technology (and aria-hidden says so to tools that read the
  // attribute only): the app's view, with every name and control, replaces it.
  const root = `<div id="${PRERENDERED_VIEW}" inert aria-hidden="true">${view}</div>`;
  return `<template id="${PRERENDERED_TEMPLATE}">${root}</template>`;
}
