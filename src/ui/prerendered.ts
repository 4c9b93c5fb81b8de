// The walkthrough's view that the build puts into index.html as a <template> (ui/notebook/static-view.ts),
// for a first visit. It goes on the page only when it is what the app is about to show: the boot script
// (ui/prerender-boot.ts) decides before the body is parsed and, once the parser is done (before the app's
// modules run), puts the view in front of the app's root, which `data-prerendered` on <html> hides
// meanwhile (styles.css). Otherwise the page never holds it. The app removes it as soon as its own view
// is there. No dependencies: the boot script bundles this file.

/** localStorage: set once the notebooks database holds notebooks, so the walkthrough is no longer the first view. */
export const NOTEBOOKS_SEEN = 'kiroku.notebooksSeen';
/** The attribute on <html> while the prerendered view is on the page (the app's root is hidden). */
export const PRERENDERED_ATTRIBUTE = 'data-prerendered';
/** The id of index.html's <template> holding the view. */
export const PRERENDERED_TEMPLATE = 'prerendered';
/** The id of the view, once on the page. */
export const PRERENDERED_VIEW = 'prerendered-view';

export interface FirstViewFacts {
  /** location.hash */
  hash: string;
  /** localStorage.getItem, or null where storage is unavailable */
  stored: (key: string) => string | null;
  /** The UI's language (ui/i18n/locale.ts). */
  locale: string;
  /** The page is a published site (ui/publish/published.ts), which opens its own notebook. */
  published: boolean;
}

/**
 * Whether the app's first view will be the English walkthrough: the notebook route without a notebook
 * id, a browser whose notebooks database was never filled, no tracking server chosen (the page may ask
 * for a token first) and not a published site. A wrong "yes" (storage cleared apart from IndexedDB) only
 * shows the walkthrough, read-only, until the stored notebook replaces it.
 */
export function firstViewIsWalkthrough(facts: FirstViewFacts): boolean {
  const path = facts.hash.replace(/^#\/?/, '').split('?')[0]!.replace(/\/$/, '');
  return (
    (path === '' || path === 'notebook') &&
    !facts.published &&
    facts.locale === 'en' &&
    facts.stored(NOTEBOOKS_SEEN) === null &&
    facts.stored('kiroku.trackingServer.url') === null
  );
}

/** Remembers that this browser's notebooks database has been filled (the next visit is not a first one). */
export function rememberNotebooksSeen(): void {
  try {
    if (localStorage.getItem(NOTEBOOKS_SEEN) === null) localStorage.setItem(NOTEBOOKS_SEEN, '1');
  } catch {
    // no storage: every visit looks like a first one, and the walkthrough view is replaced as it is then
  }
}

/** Puts the template's view on the page, in front of the app's root (which it hides). */
export function showPrerendered(doc: Document = document): void {
  const template = doc.getElementById(PRERENDERED_TEMPLATE);
  const app = doc.getElementById('app');
  if (!(template instanceof HTMLTemplateElement) || !app) return;
  app.before(template.content.cloneNode(true));
  doc.documentElement.setAttribute(PRERENDERED_ATTRIBUTE, '');
}

/** Removes the prerendered view (if any) and shows the app's root: the app's own view is there. */
export function dropPrerendered(): void {
  document.getElementById(PRERENDERED_VIEW)?.remove();
  document.documentElement.removeAttribute(PRERENDERED_ATTRIBUTE);
}
