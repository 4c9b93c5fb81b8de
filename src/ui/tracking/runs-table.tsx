// The runs table: a real <table> (row and column headers, sortable headers with aria-sort) that only
// renders the rows in view, so 10,000 runs scroll smoothly. Row height is fixed and the layout is
// fixed-width, so the scroll offset alone says which rows are visible and rows coming and going never
// move the columns. aria-rowcount/aria-rowindex tell assistive technology where the rendered rows sit.
// Columns are grouped under Metrics / Parameters / Tags headers, and the selection and run name columns
// stay pinned at the left, so a run is still named when the table is scrolled right to its metrics.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Run } from '../../tracking/entities';
import { SYSTEM_TAGS } from '../../tracking/entities';
import { formatDuration, formatNumber, isoTime } from '../format';
import { formatCreated } from '../format';
import {
  columnGroups,
  FIXED_COLUMN,
  hasModel,
  sortValue,
  type Column,
  type ColumnKind,
  type ValueContext,
} from './columns';
import { buildRunTree, type TreeRow } from './run-tree';
import { cellHref, runHref } from './routes';
import { sortBy, type SortState } from './sort';
import { t, type MessageKey } from '../i18n/t';

export const ROW_HEIGHT = 32;
/** The two header rows (groups, then columns) and their borders. */
const HEADER_HEIGHT = 62;
const OVERSCAN = 8;
/** Cells that show what a user logged (values, names), not the app's words: the language check skips them. */
const USER_DATA = new Set(['param', 'tag', 'user', 'experiment', 'source', 'model']);
const KIND_BADGE: Record<Exclude<ColumnKind, 'attr'>, { letter: string; name: MessageKey }> = {
  metric: { letter: 'M', name: 'col.metric' },
  param: { letter: 'P', name: 'col.param' },
  tag: { letter: 'T', name: 'col.tag' },
};

export interface RunsTableProps {
  runs: readonly Run[];
  columns: readonly Column[];
  sort: SortState;
  onSort: (columnId: string) => void;
  selected: ReadonlySet<string>;
  onSelect: (runIds: string[], selected: boolean) => void;
  expanded: ReadonlySet<string>;
  onToggleExpand: (runId: string) => void;
  /** Runs known to have a logged model artifact (beyond the model history tag). */
  withModel?: ReadonlySet<string>;
  /** Called with the rows in view, e.g. to look up their artifacts. */
  onVisible?: (runs: Run[]) => void;
  /** Experiment names, for the experiment column (present when runs of several experiments are listed). */
  experimentNames?: ReadonlyMap<string, string>;
  /** Height of the scrolling viewport in px (default: fills the window below the table's top). */
  height?: number;
}

/** Sort then nest: the rows the table shows, in order. Exported for the benchmark and tests. */
export function tableRows(
  runs: readonly Run[],
  columns: readonly Column[],
  sort: SortState,
  expanded: ReadonlySet<string>,
  ctx: ValueContext,
): TreeRow[] {
  // Sorting by a column that is hidden (or gone) falls back to the default order, newest first.
  const column = columns.find((c) => c.id === sort.columnId);
  const sorted = column
    ? sortBy(runs, (r) => sortValue(r, column, ctx), sort.direction)
    : sortBy(runs, (r) => r.info.startTime, 'desc');
  return buildRunTree(sorted, expanded);
}

export function RunsTable(props: RunsTableProps) {
  const { runs, columns, sort, selected, expanded, withModel, experimentNames } = props;
  const rows = useMemo(
    () => tableRows(runs, columns, sort, expanded, { now: Date.now(), withModel, experimentNames }),
    [runs, columns, sort, expanded, withModel, experimentNames],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(props.height ?? 600);
  const [autoHeight, setAutoHeight] = useState<number | null>(null);

  useLayoutEffect(() => {
    const el = scroller.current!;
    const measure = () => {
      if (props.height === undefined)
        setAutoHeight(Math.max(240, window.innerHeight - el.getBoundingClientRect().top - 16));
      setViewport(el.clientHeight || props.height || 600);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    addEventListener('resize', measure);
    return () => {
      ro.disconnect();
      removeEventListener('resize', measure);
    };
  }, [props.height]);

  const frame = useRef(0);
  const onScroll = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (scroller.current) setScrollTop(scroller.current.scrollTop);
    });
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);

  const onVisible = props.onVisible;
  const visibleKey = visible.map((r) => r.run.info.runId).join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: told when other runs come into view, not per row object
  useEffect(() => onVisible?.(visible.map((r) => r.run)), [visibleKey]);

  const allIds = () => rows.map((r) => r.run.info.runId);
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.run.info.runId));
  const someSelected = !allSelected && rows.some((r) => selected.has(r.run.info.runId));
  const totalWidth = 40 + columns.reduce((s, c) => s + c.width, 0);
  const now = Date.now();

  const contentHeight = HEADER_HEIGHT + Math.max(rows.length, 3) * ROW_HEIGHT + 2;

  return (
    <div
      class="runs-scroll"
      ref={scroller}
      onScroll={onScroll}
      tabIndex={0}
      role="region"
      aria-label={t('table.region')}
      style={{
        height: `${Math.min(props.height ?? autoHeight ?? 600, contentHeight)}px`,
      }}>
      <table class="runs" style={{ width: `${totalWidth}px` }} aria-rowcount={rows.length + 2}>
        <caption class="vh">{t('table.caption', { count: rows.length })}</caption>
        <colgroup>
          <col style={{ width: '40px' }} />
          {columns.map((c) => (
            <col key={c.id} style={{ width: `${c.width}px` }} />
          ))}
        </colgroup>
        <thead>
          <tr class="groups" aria-rowindex={1}>
            {columnGroups(columns).map((g, i) =>
              g.kind === 'attr' ? (
                <td key={i} colSpan={g.span + (i === 0 ? 1 : 0)} />
              ) : (
                <th key={i} scope="colgroup" colSpan={g.span} class={`group group-${g.kind}`}>
                  <span>{g.label}</span>
                </th>
              ),
            )}
          </tr>
          <tr class="columns" aria-rowindex={2}>
            <th scope="col" class="sel pinned">
              <input
                type="checkbox"
                checked={allSelected}
                indeterminate={someSelected}
                aria-label={t('table.selectAll', { count: rows.length })}
                onChange={(e) => props.onSelect(allIds(), e.currentTarget.checked)}
              />
            </th>
            {columns.map((c) => (
              <th
                key={c.id}
                scope="col"
                class={
                  [c.numeric && 'num', c.id === FIXED_COLUMN && 'name pinned'].filter(Boolean).join(' ') || undefined
                }
                aria-sort={
                  sort.columnId === c.id ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
                }>
                <button
                  type="button"
                  class="sort"
                  onClick={() => props.onSort(c.id)}
                  title={t('table.sortBy', { label: c.label })}>
                  {c.kind !== 'attr' && (
                    <span class={`col-kind col-${c.kind}`} aria-hidden="true">
                      {KIND_BADGE[c.kind].letter}
                    </span>
                  )}
                  <span class="col-label" data-user-content={c.kind === 'attr' ? undefined : ''}>
                    {c.label}
                  </span>
                  {c.kind !== 'attr' && <span class="vh"> ({t(KIND_BADGE[c.kind].name)})</span>}
                  <span class="sort-arrow" aria-hidden="true">
                    {sort.columnId === c.id ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 && (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row, with nothing in it to focus
            <tr class="spacer" aria-hidden="true">
              <td colSpan={columns.length + 2} style={{ height: `${first * ROW_HEIGHT}px` }} />
            </tr>
          )}
          {visible.map((row, i) => (
            <RunRow
              key={row.run.info.runId}
              row={row}
              index={first + i + 3}
              columns={columns}
              now={now}
              selected={selected.has(row.run.info.runId)}
              onSelect={props.onSelect}
              onToggleExpand={props.onToggleExpand}
              withModel={withModel}
              experimentNames={experimentNames}
            />
          ))}
          {last < rows.length && (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row, with nothing in it to focus
            <tr class="spacer" aria-hidden="true">
              <td colSpan={columns.length + 2} style={{ height: `${(rows.length - last) * ROW_HEIGHT}px` }} />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && <p class="empty">{t('table.noMatch')}</p>}
    </div>
  );
}

function RunRow({
  row,
  index,
  columns,
  now,
  selected,
  onSelect,
  onToggleExpand,
  withModel,
  experimentNames,
}: {
  row: TreeRow;
  index: number;
  columns: readonly Column[];
  now: number;
  selected: boolean;
  onSelect: RunsTableProps['onSelect'];
  onToggleExpand: (id: string) => void;
  withModel?: ReadonlySet<string> | undefined;
  experimentNames?: ReadonlyMap<string, string> | undefined;
}) {
  const { run } = row;
  const { info, data } = run;
  const name = info.runName;
  return (
    <tr
      aria-rowindex={index}
      aria-selected={selected}
      class={info.lifecycleStage === 'deleted' ? 'deleted' : undefined}>
      <td class="sel pinned">
        <input
          type="checkbox"
          checked={selected}
          aria-label={t('table.select', { name })}
          onChange={(e) => onSelect([info.runId], e.currentTarget.checked)}
        />
      </td>
      {columns.map((c) =>
        c.id === 'attr:name' ? (
          <th key={c.id} scope="row" class="name pinned" style={{ paddingLeft: `${8 + row.depth * 18}px` }}>
            {row.childCount > 0 ? (
              <button
                type="button"
                class="expander"
                aria-expanded={row.expanded}
                onClick={() => onToggleExpand(info.runId)}
                aria-label={t(row.expanded ? 'table.hideChildren' : 'table.showChildren', {
                  count: row.childCount,
                  name,
                })}>
                {row.expanded ? '▾' : '▸'}
              </button>
            ) : (
              <span class="expander-gap" aria-hidden="true" />
            )}
            <a href={runHref(info.experimentId, info.runId)} data-user-content="">
              {name}
            </a>
            {info.lifecycleStage === 'deleted' && <span class="badge">{t('table.deleted')}</span>}
          </th>
        ) : (
          <td
            key={c.id}
            class={c.numeric ? 'num' : undefined}
            data-user-content={USER_DATA.has(c.kind === 'attr' ? c.key : c.kind) ? '' : undefined}>
            {cellContent(run, c, now, withModel)}
          </td>
        ),
      )}
    </tr>
  );

  function cellContent(r: Run, c: Column, nowMs: number, models?: ReadonlySet<string>) {
    if (c.kind === 'param') return data.params[c.key] ?? '';
    // Shortened to read; the full value in the tooltip.
    if (c.kind === 'metric')
      return c.key in data.metrics ? (
        <span title={String(data.metrics[c.key])}>{formatNumber(data.metrics[c.key]!)}</span>
      ) : (
        ''
      );
    if (c.kind === 'tag') return data.tags[c.key] ?? '';
    switch (c.key) {
      case 'created':
        return <time dateTime={isoTime(info.startTime)}>{formatCreated(info.startTime)}</time>;
      case 'duration':
        return formatDuration(info.startTime, info.endTime, nowMs);
      case 'user':
        return info.userId;
      case 'experiment':
        return experimentNames?.get(info.experimentId) ?? info.experimentId;
      case 'source': {
        const source = data.tags[SYSTEM_TAGS.sourceName] ?? '';
        const link = cellHref(data.tags);
        return link ? (
          <a href={link} title={t('table.openCell', { name })}>
            {source || t('table.cell')}
          </a>
        ) : (
          source
        );
      }
      case 'status':
        return <span class={`status status-${info.status.toLowerCase()}`}>{info.status}</span>;
      case 'model':
        return hasModel(r, models) ? (
          <a href={runHref(info.experimentId, info.runId, 'artifacts', { path: `${modelPath(r)}/MLmodel` })}>
            {modelPath(r)}
          </a>
        ) : (
          ''
        );
    }
    return '';
  }
}

/** The artifact path of a run's (last) logged model, from MLflow's model history tag. */
export function modelPath(run: Run): string {
  try {
    const history = JSON.parse(run.data.tags[SYSTEM_TAGS.loggedModels] ?? '[]') as Array<{ artifact_path?: string }>;
    const last = history[history.length - 1]?.artifact_path;
    if (last) return last;
  } catch {
    // a malformed tag: fall back to MLflow's default path
  }
  return 'model';
}
