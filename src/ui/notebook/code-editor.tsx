// A cell's editor. Until Monaco has loaded and the cell has scrolled near the viewport, the cell shows
// its source in a plain <textarea> (fast first paint, and 50 cells do not mean 50 editors at once) that
// is already editable: it has the editor's accessible name and keys (run, run and advance, Escape), what
// is typed into it goes to the notebook at once, and when Monaco's editor takes its place it takes the
// text, the caret and the focus with it, so nothing typed before Monaco is lost. The stand-in is exactly
// as tall as the editor that replaces it (same line height and padding, the horizontal scrollbar inside
// the bottom padding), so editors arriving never move the page under the reader's pointer: a click on a
// run link lands where it was aimed. Monaco then has automatic layout off and a height that follows its
// content.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Cell } from '../../notebook/document';
import type { Monaco } from './monaco';
import { type CellModels, cellLanguage } from './editor-models';

type Editor = ReturnType<Monaco['editor']['create']>;

/** Pixels per line and above/below the code: the stand-in's CSS (`.code-static`) says the same. */
const LINE_HEIGHT = 19;
const PADDING = 6;
/** Monaco's line count: every line break (\r\n, \r or \n) starts a line, a trailing one too. */
export const lineCount = (source: string) => source.split(/\r\n|\r|\n/).length;
/** The height of a code cell's editor (and of its stand-in) with this many lines. */
export const editorHeight = (lines: number) => lines * LINE_HEIGHT + 2 * PADDING;

export interface EditorKeys {
  /** Ctrl/Cmd+Enter */
  run: () => void;
  /** Shift+Enter */
  runAndAdvance: () => void;
  /** Alt+Enter */
  runAndInsert: () => void;
  /** Escape (when no widget is open): back to command mode. */
  escape: () => void;
}

export interface CodeEditorProps {
  cell: Cell;
  label: string;
  monaco: Monaco | null;
  models: CellModels | null;
  /** This cell is in edit mode: the editor takes the focus. */
  editing: boolean;
  onChange: (source: string) => void;
  onFocus: () => void;
  keys: EditorKeys;
}

// One observer for every cell: editors are created as cells come within 600px of the viewport.
const pending = new Map<Element, () => void>();
let observer: IntersectionObserver | undefined;
function whenNearViewport(el: Element, callback: () => void): () => void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        pending.get(e.target)?.();
        pending.delete(e.target);
        observer!.unobserve(e.target);
      }
    },
    { rootMargin: '600px 0px' },
  );
  pending.set(el, callback);
  observer.observe(el);
  return () => {
    pending.delete(el);
    observer?.unobserve(el);
  };
}

// Widths change with the window and the side panels; one ResizeObserver re-lays out every editor.
const layouts = new Map<Element, () => void>();
const resizer =
  typeof ResizeObserver === 'undefined'
    ? undefined
    : new ResizeObserver((entries) => entries.forEach((e) => layouts.get(e.target)?.()));

export function CodeEditor({ cell, label, monaco, models, editing, onChange, onFocus, keys }: CodeEditorProps) {
  const outer = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const standIn = useRef<HTMLTextAreaElement>(null);
  const editor = useRef<Editor | null>(null);
  /** Sources the editor has sent and the document has not caught up with yet. */
  const echoes = useRef(new Set<string>());
  const [near, setNear] = useState(editing);
  const [ready, setReady] = useState(false);
  // Callbacks change every render; the editor's listeners read the latest through refs. So does the
  // editor's creation, for the cell (a new object at every edit) and its label.
  const latest = useRef({ onChange, onFocus, keys, cell, label });
  latest.current = { onChange, onFocus, keys, cell, label };
  const language = cellLanguage(cell);

  useEffect(() => (near || !outer.current ? undefined : whenNearViewport(outer.current, () => setNear(true))), [near]);
  useEffect(() => {
    if (editing) setNear(true);
  }, [editing]);

  // Create the editor once Monaco is here and the cell is near the viewport; a new model (the cell's
  // language changed) needs a new editor.
  useEffect(() => {
    const el = host.current;
    if (!monaco || !models || !near || !el) return;
    const model = models.get(latest.current.cell);
    const markdown = language === 'markdown';
    // What was typed into the stand-in is the truth (the latest render's `cell` may be a keystroke behind).
    const typed = standIn.current;
    const focused = !!typed && document.activeElement === typed;
    if (typed && typed.value !== model.getValue()) model.setValue(typed.value);
    const ed = monaco.editor.create(el, {
      model,
      automaticLayout: false,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      // The horizontal scrollbar sits in the bottom padding instead of adding to the content height.
      scrollbar: {
        vertical: 'hidden',
        horizontalScrollbarSize: PADDING,
        ignoreHorizontalScrollbarInContentHeight: true,
        alwaysConsumeMouseWheel: false,
        useShadows: false,
      },
      overviewRulerLanes: 0,
      hideCursorInOverviewRuler: true,
      lineNumbers: markdown ? 'off' : 'on',
      lineNumbersMinChars: 3,
      glyphMargin: false,
      folding: false,
      wordWrap: markdown ? 'on' : 'off',
      renderLineHighlight: 'none',
      fixedOverflowWidgets: true,
      fontSize: 13,
      lineHeight: LINE_HEIGHT,
      tabSize: 2,
      ariaLabel: latest.current.label,
      padding: { top: PADDING, bottom: PADDING },
    });
    editor.current = ed;
    if (typed && focused) {
      // The caret (or selection) goes over as it was, and so does the focus.
      const [start, end] =
        typed.selectionDirection === 'backward'
          ? [typed.selectionEnd, typed.selectionStart]
          : [typed.selectionStart, typed.selectionEnd];
      const [from, to] = [model.getPositionAt(start), model.getPositionAt(end)];
      ed.setSelection(new monaco.Selection(from.lineNumber, from.column, to.lineNumber, to.column));
      ed.focus();
    }
    setReady(true);
    const fit = () => {
      const height = ed.getContentHeight();
      el.style.height = `${height}px`;
      ed.layout({ width: el.clientWidth, height });
    };
    fit();
    layouts.set(el, fit);
    resizer?.observe(el);
    const { KeyMod, KeyCode } = monaco;
    const action = (id: string, keybinding: number, run: () => void, precondition?: string) =>
      ed.addAction({ id: `kiroku.${id}`, label: id, keybindings: [keybinding], precondition, run });
    // addAction (not addCommand) binds to this editor only: addCommand is global to every editor.
    action('run-cell', KeyMod.CtrlCmd | KeyCode.Enter, () => latest.current.keys.run());
    action('run-and-advance', KeyMod.Shift | KeyCode.Enter, () => latest.current.keys.runAndAdvance());
    action('run-and-insert', KeyMod.Alt | KeyCode.Enter, () => latest.current.keys.runAndInsert());
    action(
      'command-mode',
      KeyCode.Escape,
      () => latest.current.keys.escape(),
      '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !renameInputVisible && !inSnippetMode',
    );
    const subs = [
      ed.onDidContentSizeChange(fit),
      ed.onDidChangeModelContent(() => {
        const value = ed.getValue();
        echoes.current.add(value);
        latest.current.onChange(value);
      }),
      ed.onDidFocusEditorText(() => latest.current.onFocus()),
    ];
    return () => {
      subs.forEach((s) => s.dispose());
      layouts.delete(el);
      resizer?.unobserve(el);
      el.style.height = '';
      ed.dispose(); // the model is kept: it belongs to CellModels
      editor.current = null;
      setReady(false);
    };
  }, [monaco, models, near, language]);

  // The label names the cell by its place, which moves with the cells above it.
  useEffect(() => {
    editor.current?.updateOptions({ ariaLabel: label });
  }, [label]);

  // Keep the model in step when the document changes without the editor (e.g. undo delete). A render
  // runs its effects after it paints, so while the user types its source may be one the editor sent
  // a few keys ago: such an echo is never pushed back (it would undo those keys, and the change it
  // makes would come back as another echo).
  useEffect(() => {
    const ed = editor.current;
    if (!ed || !models) return;
    const current = ed.getValue();
    if (current !== cell.source && !echoes.current.has(cell.source)) models.get(cell);
    if (ed.getValue() === cell.source) echoes.current.clear();
  }, [cell, models]);

  // Focus the editor when the cell is edited, or when its editor arrives while it is.
  useEffect(() => {
    if (!editing) return;
    const ed = ready ? editor.current : null;
    if (ed && !ed.hasTextFocus()) ed.focus();
    else if (!ed && standIn.current && document.activeElement !== standIn.current) standIn.current.focus();
  }, [editing, ready]);

  // The stand-in doubles as the editor if Monaco never loads. Monaco owns the host's children, so
  // Preact renders none there.
  const source = cell.source;
  return (
    <div
      ref={outer}
      class="cell-editor"
      data-user-content=""
      data-language={cell.type === 'code' ? cell.language : 'markdown'}>
      {!ready && (
        <textarea
          ref={standIn}
          class="code-static"
          aria-label={label}
          value={source}
          wrap="off"
          spellcheck={false}
          autocomplete="off"
          autocapitalize="off"
          onInput={(e) => onChange((e.target as HTMLTextAreaElement).value)}
          onFocus={onFocus}
          onKeyDown={(e) => standInKey(e, keys)}
          style={{ height: `${editorHeight(lineCount(source))}px` }}
        />
      )}
      <div ref={host} class="monaco-host" />
    </div>
  );
}

/** The editor's own keys, in the stand-in: Ctrl/Cmd+Enter, Shift+Enter, Alt+Enter and Escape. */
function standInKey(e: KeyboardEvent, keys: EditorKeys): void {
  if (e.isComposing) return;
  const key =
    e.key === 'Enter'
      ? e.ctrlKey || e.metaKey
        ? keys.run
        : e.shiftKey
          ? keys.runAndAdvance
          : e.altKey
            ? keys.runAndInsert
            : null
      : e.key === 'Escape'
        ? keys.escape
        : null;
  if (!key) return;
  e.preventDefault();
  key();
}
