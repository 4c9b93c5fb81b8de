// The runs table's column model: the fixed run attributes, then — as MLflow's runs table has them — one
// column per metric, per param and per user tag key found in the runs, each with a stable id
// (`attr:created`, `metric:rmse`, `param:alpha`, `tag:team`) that the sort, the column chooser and the
// URL refer to. Pure: no DOM, so the table and its tests share it.
import type { Run } from '../../tracking/entities';
import { SYSTEM_TAGS } from '../../tracking/entities';
import type { SortValue } from './sort';
import { t, type MessageKey } from '../i18n/t';

export type ColumnKind = 'attr' | 'metric' | 'param' | 'tag';

/** The header over each kind's columns, in the table's order (attributes have none). */
export const GROUP_LABELS: Readonly<Record<Exclude<ColumnKind, 'attr'>, MessageKey>> = {
  metric: 'col.metrics',
  param: 'col.params',
  tag: 'col.tags',
};

export interface Column {
  id: string;
  kind: ColumnKind;
  /** The param or metric key, or the attribute's name. */
  key: string;
  label: string;
  /** Right-aligned, tabular figures. */
  numeric: boolean;
  /** Pixels; the table has a fixed layout so virtualized rows never change its column widths. */
  width: number;
}

/** An attribute column, its label in the UI's language when read (the app redraws on a change of language). */
function attribute(key: string, label: MessageKey, numeric: boolean, width: number): Column {
  return {
    id: `attr:${key}`,
    kind: 'attr',
    key,
    get label() {
      return t(label);
    },
    numeric,
    width,
  };
}

export const ATTRIBUTE_COLUMNS: readonly Column[] = [
  attribute('name', 'col.name', false, 240),
  attribute('created', 'col.created', false, 190),
  attribute('duration', 'col.duration', true, 100),
  attribute('user', 'col.user', false, 120),
  attribute('source', 'col.source', false, 160),
  attribute('status', 'col.status', false, 100),
  attribute('model', 'col.model', false, 90),
];

/** Shown after the name when runs of several experiments are listed together. */
export const EXPERIMENT_COLUMN: Column = attribute('experiment', 'col.experiment', false, 140);

/** What a sort value may depend on besides the run. */
export interface ValueContext {
  now: number;
  /** Runs known to have a logged model artifact. */
  withModel?: ReadonlySet<string> | undefined;
  experimentNames?: ReadonlyMap<string, string> | undefined;
}

/** Columns shown when nobody chose otherwise: everything but the user (usually one person). */
export const DEFAULT_HIDDEN: readonly string[] = ['attr:user'];

/** The name column is the row header; it cannot be hidden. */
export const FIXED_COLUMN = 'attr:name';

/** Tags MLflow (`mlflow.*`) or Kiroku (`kiroku.*`) set for themselves: shown on the run's page, not as columns. */
export function isSystemTag(key: string): boolean {
  return key.startsWith('mlflow.') || key.startsWith('kiroku.');
}

/**
 * Attribute columns (with the experiment when the runs come from several), then metrics, params and
 * user tags — MLflow's order — each sorted by key, for every key any of the runs has.
 */
export function columnsFor(runs: readonly Run[]): Column[] {
  const params = new Set<string>();
  const metrics = new Set<string>();
  const tags = new Set<string>();
  const experiments = new Set<string>();
  for (const r of runs) {
    experiments.add(r.info.experimentId);
    for (const k in r.data.params) params.add(k);
    for (const k in r.data.metrics) metrics.add(k);
    for (const k in r.data.tags) if (!isSystemTag(k)) tags.add(k);
  }
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const keyed = (kind: Exclude<ColumnKind, 'attr'>, keys: Set<string>) =>
    [...keys]
      .sort(byKey)
      .map(
        (k): Column => ({ id: `${kind}:${k}`, kind, key: k, label: k, numeric: kind === 'metric', width: widthFor(k) }),
      );
  const [name, ...rest] = ATTRIBUTE_COLUMNS;
  return [
    name!,
    ...(experiments.size > 1 ? [EXPERIMENT_COLUMN] : []),
    ...rest,
    ...keyed('metric', metrics),
    ...keyed('param', params),
    ...keyed('tag', tags),
  ];
}

/**
 * The header row over the columns: runs of consecutive columns of one kind, with the kind's label (none for
 * attributes).
 */
export function columnGroups(columns: readonly Column[]): Array<{ kind: ColumnKind; label: string; span: number }> {
  const groups: Array<{ kind: ColumnKind; label: string; span: number }> = [];
  for (const c of columns) {
    const last = groups[groups.length - 1];
    if (last?.kind === c.kind) last.span++;
    else groups.push({ kind: c.kind, label: c.kind === 'attr' ? '' : t(GROUP_LABELS[c.kind]), span: 1 });
  }
  return groups;
}

function widthFor(label: string): number {
  return Math.min(260, Math.max(100, 24 + label.length * 8));
}

/** Whether a run has a logged model: MLflow's model history tag, or a `model/MLmodel` artifact seen by the caller. */
export function hasModel(run: Run, withModelArtifact?: ReadonlySet<string>): boolean {
  return Boolean(run.data.tags[SYSTEM_TAGS.loggedModels]) || Boolean(withModelArtifact?.has(run.info.runId));
}

/** The value a column sorts by: numbers stay numbers, missing values are `null` (sorted last). */
export function sortValue(run: Run, column: Column, ctx: ValueContext): SortValue {
  switch (column.kind) {
    case 'param':
      return run.data.params[column.key] ?? null;
    case 'metric':
      return run.data.metrics[column.key] ?? null;
    case 'tag':
      return run.data.tags[column.key] ?? null;
    case 'attr':
      switch (column.key) {
        case 'name':
          return run.info.runName;
        case 'created':
          return run.info.startTime;
        case 'duration':
          return (run.info.endTime ?? ctx.now) - run.info.startTime;
        case 'user':
          return run.info.userId || null;
        case 'source':
          return run.data.tags[SYSTEM_TAGS.sourceName] ?? null;
        case 'status':
          return run.info.status;
        case 'model':
          return hasModel(run, ctx.withModel) ? 'model' : null;
        case 'experiment':
          return ctx.experimentNames?.get(run.info.experimentId) ?? run.info.experimentId;
      }
  }
  return null;
}

/** The columns to show: all known columns minus the hidden ones, the name column always first. */
export function visibleColumns(all: readonly Column[], hidden: ReadonlySet<string>): Column[] {
  return all.filter((c) => c.id === FIXED_COLUMN || !hidden.has(c.id));
}
