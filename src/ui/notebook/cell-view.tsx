// One cell: its prompt (`[n]`, `[*]` while queued or running), its editor or rendered markdown, its
// outputs, and — on the selected cell — buttons to move or delete it. Memoized: typing in one cell
// re-renders that cell only.
import { memo } from 'preact/compat';
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { Cell } from '../../notebook/document';
import { useSanitize } from '../use-sanitize';
import { CodeEditor, type EditorKeys } from './code-editor';
import type { NotebookController } from './controller';
import type { RunState } from './notebook-state';
import type { CellModels } from './editor-models';
import type { Monaco } from './monaco';
import { OutputArea } from './outputs/output-area';
import { ErrorBoundary } from '../components/error-boundary';
import { t } from '../i18n/t';

export interface CellViewProps {
  cell: Cell;
  index: number;
  count: number;
  selected: boolean;
  editing: boolean;
  run: RunState | undefined;
  highlighted: boolean;
  controller: NotebookController;
  monaco: Monaco | null;
  models: CellModels | null;
}

function prompt(cell: Cell, run: RunState | undefined): { text: string; label: string } {
  if (cell.type === 'markdown') return { text: '', label: '' };
  if (run === 'running') return { text: '[*]', label: t('cell.running') };
  if (run === 'queued') return { text: '[*]', label: t('cell.queued') };
  return cell.executionCount === null
    ? { text: '[ ]', label: t('cell.notRun') }
    : { text: `[${cell.executionCount}]`, label: t('cell.runN', { n: cell.executionCount }) };
}

/** A cell that fails to render says so in its place; the cells around it and the toolbar keep working. */
export const CellView = memo(function CellView(props: CellViewProps) {
  return (
    <ErrorBoundary what={t('cell.what', { n: props.index + 1 })} resetKey={props.cell}>
      <CellBody {...props} />
    </ErrorBoundary>
  );
});

function CellBody({
  cell,
  index,
  count,
  selected,
  editing,
  run,
  highlighted,
  controller,
  monaco,
  models,
}: CellViewProps) {
  const el = useRef<HTMLDivElement>(null);
  const kind = cell.type === 'code' ? (cell.language === 'javascript' ? 'JavaScript' : 'TypeScript') : 'Markdown';
  const name = t('cell.name', { n: index + 1 });
  const p = prompt(cell, run);

  // Command mode keeps the focus on the selected cell, so its keys reach the notebook. A layout effect:
  // the next key press, however quick, already finds the focus moved.
  useLayoutEffect(() => {
    const node = el.current;
    if (!node || !selected || editing) return;
    if (!node.contains(document.activeElement) || document.activeElement?.closest('.monaco-host, .code-static'))
      node.focus({ preventScroll: true });
    node.scrollIntoView({ block: 'nearest' });
  }, [selected, editing]);

  const keys: EditorKeys = {
    run: () => (cell.type === 'code' ? controller.run([cell.id]) : controller.setMode('command')),
    runAndAdvance: () => controller.runAndAdvance(cell.id),
    runAndInsert: () => controller.runAndAdvance(cell.id, true),
    escape: () => controller.setMode('command'),
  };
  // Until the renderer has loaded (just after the first paint), a markdown cell shows its source as text.
  const sanitize = useSanitize();
  const html = useMemo(
    () => (cell.type === 'markdown' && !editing && sanitize ? sanitize.renderMarkdown(cell.source) : ''),
    [cell.type, cell.source, editing, sanitize],
  );
  const showEditor = cell.type === 'code' || editing;

  return (
    <div
      ref={el}
      id={`cell-${cell.id}`}
      class={`cell cell-${cell.type}${selected ? ' selected' : ''}${editing ? ' editing' : ''}${
        highlighted ? ' highlighted' : ''
      }${run ? ` ${run}` : ''}`}
      role="group"
      aria-label={t('cell.label', { name, kind, state: p.label ? t('cell.state', { label: p.label }) : '' })}
      aria-current={selected ? 'true' : undefined}
      tabIndex={selected ? 0 : -1}
      data-cell-id={cell.id}
      onMouseDown={(e) => {
        // A press in the editor (or in its stand-in, before Monaco has arrived: it enters edit mode, and
        // the editor takes the text, caret and focus when it comes) is the editor's.
        if (!(e.target as Element).closest('.cell-editor, button, a, summary, input, select'))
          controller.select(cell.id, 'command');
      }}>
      <div class="prompt" aria-hidden="true">
        {p.text}
      </div>
      <div class="cell-body">
        {selected && <CellActions cell={cell} index={index} count={count} controller={controller} />}
        {showEditor ? (
          <CodeEditor
            cell={cell}
            label={t('cell.source', { name, kind })}
            monaco={monaco}
            models={models}
            editing={editing}
            onChange={(source) => controller.setSource(cell.id, source)}
            onFocus={() => controller.select(cell.id, 'edit')}
            keys={keys}
          />
        ) : !sanitize && cell.source ? (
          // biome-ignore lint/a11y/noStaticElementInteractions: double-click is the mouse's Enter (command mode)
          <div
            class="markdown markdown-source"
            data-user-content=""
            onDblClick={() => controller.select(cell.id, 'edit')}>
            {cell.source}
          </div>
        ) : (
          // biome-ignore lint/a11y/noStaticElementInteractions: double-click is the mouse's Enter (command mode)
          <div
            class="markdown"
            data-user-content={html ? '' : undefined}
            onDblClick={() => controller.select(cell.id, 'edit')}
            // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown's HTML, sanitized by DOMPurify
            dangerouslySetInnerHTML={{ __html: html || `<p class="muted">${t('cell.emptyMarkdown')}</p>` }}
          />
        )}
        {cell.type === 'code' && <OutputArea outputs={cell.outputs} label={t('cell.output', { name })} />}
      </div>
    </div>
  );
}

function CellActions({
  cell,
  index,
  count,
  controller,
}: {
  cell: Cell;
  index: number;
  count: number;
  controller: NotebookController;
}) {
  return (
    <div class="cell-actions">
      <label>
        <span class="sr-only">{t('cell.type')}</span>
        <select
          value={cell.type === 'code' ? cell.language : 'markdown'}
          onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value;
            if (v === 'markdown') controller.changeType(cell.id, 'markdown');
            else {
              controller.changeType(cell.id, 'code');
              controller.setLanguage(cell.id, v as 'typescript' | 'javascript');
            }
          }}>
          <option value="typescript">TypeScript</option>
          <option value="javascript">JavaScript</option>
          <option value="markdown">Markdown</option>
        </select>
      </label>
      <button
        type="button"
        class="icon"
        aria-label={t('cell.up')}
        title={t('cell.upTitle')}
        disabled={index === 0}
        onClick={() => controller.move(cell.id, -1)}>
        ↑
      </button>
      <button
        type="button"
        class="icon"
        aria-label={t('cell.down')}
        title={t('cell.downTitle')}
        disabled={index === count - 1}
        onClick={() => controller.move(cell.id, 1)}>
        ↓
      </button>
      <button
        type="button"
        class="icon"
        aria-label={t('cell.delete')}
        title={t('cell.deleteTitle')}
        onClick={() => controller.delete(cell.id)}>
        ✕
      </button>
    </div>
  );
}
