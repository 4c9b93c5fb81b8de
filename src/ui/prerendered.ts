// The walkthrough's view that the build puts into index.html (ui/notebook/static-view.ts), for a first
// visit. It is in the page from the first bytes parsed, hidden; the boot script (ui/prerender-boot.ts)
// decides before the body is parsed whether it shows: then `data-prerendered` on <html> shows it and hides
// the app's root meanwhile (styles.css), so the walkthrough paints as the HTML arrives. Its code cells
// already take typing: what is typed, the caret and the run keys pressed go over to the app's view when
// it takes the view's place (takePrerendered here, ui/notebook/prerendered-handover.ts there), so a user
// may start at once and loses nothing. No dependencies: the boot script bundles this file.

/** localStorage: set once the notebooks database holds notebooks, so the walkthrough is no longer the first view. */
export const NOTEBOOKS_SEEN = 'kiroku.notebooksSeen';
/** The attribute on <html> while the prerendered view is on the page (the app's root is hidden). */
export const PRERENDERED_ATTRIBUTE = 'data-prerendered';
/** The id of the view. */
export const PRERENDERED_VIEW = 'prerendered-view';
/** On each code cell's textarea in the view: the cell's index in the walkthrough. */
export const CELL_INDEX_ATTRIBUTE = 'data-cell-index';
/** On the view: the run keys pressed in it so far (JSON of PrerenderedKey[]). */
const KEYS_ATTRIBUTE = 'data-pending-keys';

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

/** A run key (Ctrl/Cmd+Enter, Shift+Enter or Alt+Enter) pressed in one of the view's cells. */
export interface PrerenderedKey {
  index: number;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** What the user did in the view before the app took over. */
export interface PrerenderedHandover {
  /** Each code cell changed, focused or run in the view: its index, its code as shown and as it is now. */
  cells: { index: number; shown: string; typed: string }[];
  /** The cell that had the focus, with its selection (offsets in its code). */
  focus: { index: number; start: number; end: number; backward: boolean } | null;
  /** The run keys pressed, in order. */
  keys: PrerenderedKey[];
}

/** Shows the view (the boot script, before the body is parsed: nothing else has painted yet). */
export function showPrerendered(doc: Document = document): void {
  doc.documentElement.setAttribute(PRERENDERED_ATTRIBUTE, '');
  doc.addEventListener('keydown', holdRunKey, true);
}

/**
 * A run key in one of the view's cells inserts no line break: it is kept, and the app's view of that
 * cell receives it again when it takes over (the kernel and the notebook are the app's). The listener
 * stays (the app's bundle cannot name it): once the view is gone it does nothing.
 */
function holdRunKey(e: KeyboardEvent): void {
  const el = e.target;
  const view = document.getElementById(PRERENDERED_VIEW);
  const { ctrlKey, metaKey, shiftKey, altKey } = e;
  if (!view || !(el instanceof HTMLTextAreaElement) || !view.contains(el) || e.isComposing) return;
  if (e.key !== 'Enter' || !(ctrlKey || metaKey || shiftKey || altKey)) return;
  e.preventDefault();
  const keys = pendingKeys(view);
  keys.push({ index: Number(el.getAttribute(CELL_INDEX_ATTRIBUTE)), ctrlKey, metaKey, shiftKey, altKey });
  view.setAttribute(KEYS_ATTRIBUTE, JSON.stringify(keys));
}

const pendingKeys = (view: Element): PrerenderedKey[] => JSON.parse(view.getAttribute(KEYS_ATTRIBUTE) ?? '[]');

/**
 * Removes the view and shows the app's root, returning what the user did in the view if it was shown
 * (null if it was not, or is gone already).
 */
export function takePrerendered(): PrerenderedHandover | null {
  const view = document.getElementById(PRERENDERED_VIEW);
  const shown = document.documentElement.hasAttribute(PRERENDERED_ATTRIBUTE);
  const handover = view && shown ? readHandover(view) : null;
  view?.remove();
  document.documentElement.removeAttribute(PRERENDERED_ATTRIBUTE);
  return handover;
}

function readHandover(view: HTMLElement): PrerenderedHandover {
  const keys = pendingKeys(view);
  let focus: PrerenderedHandover['focus'] = null;
  const cells: PrerenderedHandover['cells'] = [];
  for (const el of view.querySelectorAll('textarea')) {
    const index = Number(el.getAttribute(CELL_INDEX_ATTRIBUTE));
    const focused = el === document.activeElement;
    if (focused)
      focus = { index, start: el.selectionStart, end: el.selectionEnd, backward: el.selectionDirection === 'backward' };
    if (el.value !== el.defaultValue || focused || keys.some((k) => k.index === index))
      cells.push({ index, shown: el.defaultValue, typed: el.value });
  }
  return { cells, focus, keys };
}

/** Removes the view (if any) and shows the app's root: the app's own view is there, or a message. */
export function dropPrerendered(): void {
  takePrerendered();
}
