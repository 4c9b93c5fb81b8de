// The runs of the selected experiments: filter box, column chooser, selection actions (compare,
// delete, restore) and the virtualized table. The view's state — filter, sort, deleted runs shown —
// lives in the URL's query, so a link reopens the same view; the column choice is a preference kept
// in localStorage. Runs are read once per change and filtered in the page (the grammar is compiled
// once per keystroke), so typing a filter never waits on IndexedDB.
import { useMemo, useState } from 'preact/hooks';
import type { Experiment, Run } from '../../tracking/entities';
import type { TrackingClient } from '../../tracking/client';
import { mlflow } from '../../tracking/default';
import { navigate } from '../router';
import { ColumnChooser, loadHidden, saveHidden } from './column-chooser';
import { columnsFor, DEFAULT_HIDDEN, visibleColumns } from './columns';
import { checkFilter } from './filter-error';
import { FilterBox } from './filter-box';
import { useModelArtifacts } from './model-artifacts';
import { compareHref, replaceQuery } from './routes';
import { RunsTable } from './runs-table';
import { parentsIn } from './run-tree';
import { formatSort, nextSort, parseSort } from './sort';
import { useSameItems } from './use-same-items';
import { useLive } from './use-live';
import { readPages } from '../../lib/paging';
import { SyncDialog } from './sync-dialog';
import { currentServer } from '../tracking-server';
import { t } from '../i18n/t';
import { rich } from '../i18n/rich';

/**
 * Every run of the experiments, page by page (the client caps a page at 50,000; a server's pages that never end are
 * stopped).
 */
export function loadAllRuns(client: TrackingClient, experimentIds: string[], withDeleted: boolean): Promise<Run[]> {
  return readPages(
    async (pageToken) => {
      const page = await client.searchRuns({
        experimentIds,
        maxResults: 50_000,
        pageToken: pageToken ?? null,
        runViewType: withDeleted ? 'ALL' : 'ACTIVE_ONLY',
      });
      return { items: [...page], next: page.token };
    },
    { what: 'the runs search', key: (r) => r.info.runId, maxPages: 1000 },
  );
}

export function RunsView({ experiments, query }: { experiments: Experiment[]; query: URLSearchParams }) {
  const ids = useSameItems(experiments.map((e) => e.experimentId));
  const [filter, setFilter] = useState(query.get('filter') ?? '');
  const [predicate, setPredicate] = useState(() => {
    const c = checkFilter(filter);
    return { fn: c.ok ? c.predicate : () => true };
  });
  const [sort, setSort] = useState(() => parseSort(query.get('sort')));
  const [showDeleted, setShowDeleted] = useState(query.get('deleted') === '1');
  const [hidden, setHidden] = useState(() => loadHidden(DEFAULT_HIDDEN));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [syncing, setSyncing] = useState<string[] | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const models = useModelArtifacts();

  const runs = useLive((c) => loadAllRuns(c, ids, showDeleted), [ids, showDeleted], {
    relevant: (m) => m.type !== 'experiment-changed' && m.type !== 'model-registered',
    minInterval: 250,
  });

  const all = runs.status === 'ready' ? runs.value : EMPTY;
  const shown = useMemo(() => all.filter(predicate.fn), [all, predicate]);
  const columns = useMemo(() => columnsFor(all), [all]);
  const visible = useMemo(() => visibleColumns(columns, hidden), [columns, hidden]);
  const names = useMemo(() => new Map(experiments.map((e) => [e.experimentId, e.name])), [experiments]);

  // The filter, sort and "show deleted" live in the URL query, so a reload or a shared link keeps them.
  const setQuery = (next: { filter?: string; sort?: typeof sort; deleted?: boolean }) =>
    replaceQuery({
      filter: next.filter ?? filter,
      sort: formatSort(next.sort ?? sort) === 'attr:created desc' ? undefined : formatSort(next.sort ?? sort),
      deleted: (next.deleted ?? showDeleted) ? '1' : undefined,
    });

  // In the order they were selected: "compare A with B" keeps A first.
  const shownById = new Map(shown.map((r) => [r.info.runId, r]));
  const selectedRuns = [...selected].map((id) => shownById.get(id)).filter((r): r is Run => r !== undefined);
  const selectedDeleted = selectedRuns.filter((r) => r.info.lifecycleStage === 'deleted');
  const selectedActive = selectedRuns.filter((r) => r.info.lifecycleStage === 'active');

  const act = async (
    done: 'runs.done.deleted' | 'runs.done.restored',
    list: Run[],
    fn: (id: string) => Promise<void>,
  ) => {
    setNotice(null);
    try {
      for (const r of list) await fn(r.info.runId);
      setNotice(t(done, { count: list.length }));
      setSelected(new Set());
    } catch (err) {
      setNotice(t('runs.failed', { error: (err as Error).message }));
    }
  };

  const title = experiments.length === 1 ? experiments[0]!.name : t('runs.nExperiments', { count: experiments.length });
  return (
    <>
      <div class="page-head">
        <h1 id="page-title">{title}</h1>
        {experiments.length > 1 && <p class="muted">{experiments.map((e) => e.name).join(' · ')}</p>}
        {experiments.some((e) => e.lifecycleStage === 'deleted') && <p class="badge warn">{t('runs.deletedExp')}</p>}
      </div>
      <FilterBox
        value={filter}
        onApply={(text, c) => {
          setFilter(text);
          setPredicate({ fn: c.predicate });
          setQuery({ filter: text });
        }}
      />
      <div class="toolbar" role="toolbar" aria-label={t('runs.actions')}>
        <span class="count" aria-live="polite">
          {runs.status === 'ready' ? t('runs.count', { shown: shown.length, count: all.length }) : ''}
          {selected.size ? t('runs.selected', { count: selectedRuns.length }) : ''}
        </span>
        <button
          type="button"
          disabled={selectedRuns.length < 2}
          onClick={() => navigate(compareHref(selectedRuns.map((r) => r.info.runId)))}>
          {selectedRuns.length >= 2 ? t('runs.compareN', { count: selectedRuns.length }) : t('runs.compare')}
        </button>
        <button
          type="button"
          disabled={!selectedActive.length}
          onClick={() => act('runs.done.deleted', selectedActive, (id) => mlflow.client().deleteRun(id))}>
          {t('common.delete')}
        </button>
        {/* On a tracking server already, there is nothing to sync to one. */}
        {!currentServer() && (
          <button
            type="button"
            disabled={!selectedRuns.length}
            onClick={() => setSyncing(selectedRuns.map((r) => r.info.runId))}>
            {t('runs.sync')}
          </button>
        )}
        {showDeleted && (
          <button
            type="button"
            disabled={!selectedDeleted.length}
            onClick={() => act('runs.done.restored', selectedDeleted, (id) => mlflow.client().restoreRun(id))}>
            {t('exp.restoreShort')}
          </button>
        )}
        <label class="toggle">
          <input
            type="checkbox"
            checked={showDeleted}
            onChange={(e) => {
              setShowDeleted(e.currentTarget.checked);
              setQuery({ deleted: e.currentTarget.checked });
            }}
          />
          {t('runs.showDeleted')}
        </label>
        <button
          type="button"
          disabled={!parentsIn(shown).size}
          onClick={() => setExpanded(expanded.size ? new Set() : parentsIn(shown))}>
          {expanded.size ? t('runs.collapse') : t('runs.expand')}
        </button>
        <ColumnChooser
          columns={columns}
          hidden={hidden}
          onChange={(h) => {
            setHidden(h);
            saveHidden(h);
          }}
        />
      </div>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {syncing && <SyncDialog runIds={syncing} onClose={() => setSyncing(null)} />}
      {runs.status === 'loading' && <p aria-busy="true">{t('runs.loading')}</p>}
      {runs.status === 'error' && <p role="alert">{t('runs.readFailed', { error: runs.error.message })}</p>}
      {runs.status === 'ready' &&
        (all.length === 0 ? (
          <p class="empty">
            {rich(experiments.length === 1 ? 'runs.emptyOne' : 'runs.emptyMany', {
              notebook: <a href="#/notebook">{t('runs.notebook')}</a>,
            })}
          </p>
        ) : (
          <RunsTable
            runs={shown}
            columns={visible}
            sort={sort}
            experimentNames={names}
            onSort={(id) => {
              const next = nextSort(sort, id);
              setSort(next);
              setQuery({ sort: next });
            }}
            selected={selected}
            onSelect={(runIds, on) => {
              const next = new Set(selected);
              for (const id of runIds) on ? next.add(id) : next.delete(id);
              setSelected(next);
            }}
            expanded={expanded}
            onToggleExpand={(id) => {
              const next = new Set(expanded);
              if (!next.delete(id)) next.add(id);
              setExpanded(next);
            }}
            withModel={models.withModel}
            onVisible={models.check}
          />
        ))}
    </>
  );
}

const EMPTY: Run[] = [];
