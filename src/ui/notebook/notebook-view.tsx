// The open notebook: toolbar, cells, and Jupyter's command-mode keys. Monaco is imported here, lazily,
// after the cells have painted as plain text; until then (or if it fails) the cells stay readable.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { NotebookController } from './controller';
import type { NotebookState } from './notebook-state';
import { CellView } from './cell-view';
import { CellModels } from './editor-models';
import { commandFor, type Command, type KeyState } from './keyboard';
import type { Monaco } from './monaco';
import { Toolbar } from './toolbar';
import { loadMonaco } from './monaco-loader';
import { ConfirmDialog } from '../components/dialog';
import { ControlsContext, type ControlsApi } from './outputs/controls-context';
import { t } from '../i18n/t';

export function useController(controller: NotebookController): NotebookState {
  const [state, setState] = useState(controller.snapshot);
  useEffect(() => {
    setState(controller.snapshot);
    return controller.subscribe(() => setState(controller.snapshot));
  }, [controller]);
  return state;
}

export function NotebookView({ controller, focusCell }: { controller: NotebookController; focusCell?: string }) {
  const state = useController(controller);
  const [monaco, setMonaco] = useState<Monaco | null>(null);
  const [models, setModels] = useState<CellModels | null>(null);
  const [monacoError, setMonacoError] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<string | undefined>(undefined);
  // Restarting loses every variable: asked first, as Jupyter asks (0, 0 or the toolbar).
  const [askRestart, setAskRestart] = useState(false);
  const keyState = useRef<KeyState>({});
  const { doc } = state;
  // Live inputs in the outputs reach the controller through context (outputs know no controller).
  const controls = useMemo<ControlsApi>(
    () => ({
      live: (id) => !!state.controls[id],
      problem: (id) => (state.controlProblem?.controlId === id ? state.controlProblem.message : undefined),
      change: (id, value) => void controller.changeControl(id, value),
    }),
    [controller, state.controls, state.controlProblem],
  );

  useEffect(() => {
    let live = true;
    loadMonaco().then(
      (m) => live && setMonaco(() => m),
      (err: unknown) => live && setMonacoError(String(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!monaco) return;
    const m = new CellModels(monaco, doc.id);
    m.sync(controller.snapshot.doc);
    setModels(m);
    return () => m.dispose();
  }, [monaco, doc.id, controller]);
  // New, deleted and converted cells get and lose their models (for cross-cell completions). Keyed on
  // the cells' ids and kinds, not their text: typing must not walk every model.
  const shape = doc.cells.map((c) => `${c.id}:${c.type === 'code' ? c.language : 'md'}`).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `shape` is the trigger; the body reads the live document
  useEffect(() => models?.sync(controller.snapshot.doc), [models, controller, shape]);

  // `#/notebook/<id>/cell/<cellId>`: a run's page links back to the cell that created it. Scrolled
  // before the first paint (the cells are in the DOM by now), not a frame later under the reader's pointer.
  useLayoutEffect(() => {
    if (!focusCell || !controller.cell(focusCell)) return;
    controller.select(focusCell, 'command');
    setHighlight(focusCell);
    document.getElementById(`cell-${focusCell}`)?.scrollIntoView({ block: 'center' });
    const t = setTimeout(() => setHighlight(undefined), 4000);
    return () => clearTimeout(t);
  }, [focusCell, controller]);

  const execute = (command: Command) => {
    const id = state.selectedId;
    const c = controller;
    switch (command) {
      case 'edit':
        return id && c.select(id, 'edit');
      case 'run':
        return id && (c.cell(id)?.type === 'code' ? c.run([id]) : undefined);
      case 'run-and-advance':
        return c.runAndAdvance();
      case 'run-and-insert':
        return c.runAndAdvance(id, true);
      case 'insert-above':
        return c.insert('above', id, 'code', 'command');
      case 'insert-below':
        return c.insert('below', id, 'code', 'command');
      case 'delete':
        return c.delete();
      case 'undo-delete':
        return c.undoDelete();
      case 'to-markdown':
        return id && c.changeType(id, 'markdown');
      case 'to-code':
        return id && c.changeType(id, 'code');
      case 'interrupt':
        return c.interrupt();
      case 'restart':
        return setAskRestart(true);
      case 'select-previous':
        return c.moveSelection(-1);
      case 'select-next':
        return c.moveSelection(1);
      case 'move-up':
        return c.move(id, -1);
      case 'move-down':
        return c.move(id, 1);
      case 'save':
        return void c.save();
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    // Keys typed into an editor, a field or a button are theirs; command mode is the focused cell, or
    // nothing focused at all (the focused cell was just deleted), as in Jupyter.
    if (
      target !== document.body &&
      (target.closest('.monaco-host, input, textarea, select, button, a, summary') || !target.closest('.cell'))
    )
      return;
    const command = commandFor(e, keyState.current, performance.now());
    if (!command) return;
    e.preventDefault();
    execute(command);
  };
  const keyHandler = useRef(onKeyDown);
  keyHandler.current = onKeyDown;
  useEffect(() => {
    const onBodyKey = (e: KeyboardEvent) => e.target === document.body && keyHandler.current(e);
    document.addEventListener('keydown', onBodyKey);
    return () => document.removeEventListener('keydown', onBodyKey);
  }, []);

  return (
    <div class="notebook">
      <Toolbar state={state} controller={controller} onRestart={() => setAskRestart(true)} />
      {askRestart && (
        <ConfirmDialog
          title={t('nb.restartAsk')}
          confirmLabel={t('nb.restartConfirm')}
          focusConfirm
          danger
          onConfirm={() => controller.restart()}
          onClose={() => setAskRestart(false)}>
          <p>{t('nb.restartText')}</p>
        </ConfirmDialog>
      )}
      {monacoError && <p role="alert">{t('nb.editorFailed', { error: monacoError })}</p>}
      <ControlsContext.Provider value={controls}>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: Jupyter's command-mode keys, from the focused cell */}
        <div class="cells" onKeyDown={onKeyDown}>
          {doc.cells.map((cell, i) => (
            <CellView
              key={cell.id}
              cell={cell}
              index={i}
              count={doc.cells.length}
              selected={cell.id === state.selectedId}
              editing={cell.id === state.selectedId && state.mode === 'edit'}
              run={state.runs[cell.id]}
              highlighted={cell.id === highlight}
              controller={controller}
              monaco={monaco}
              models={models}
            />
          ))}
        </div>
      </ControlsContext.Provider>
      <button
        type="button"
        class="add-cell"
        onClick={() => controller.insert('below', doc.cells[doc.cells.length - 1]?.id ?? null)}>
        {t('nb.addAtEnd')}
      </button>
    </div>
  );
}
