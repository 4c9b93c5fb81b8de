// The runs table with 10,000 runs (20 params, 10 metrics, a few hundred nested) rendered by the real
// component in Chromium: first render (columns, sort, tree, DOM, layout), re-sorts by a metric, a
// param and the run name, and a scroll to the middle. Goal: < 200 ms each; reported, never judged.
import { h, render } from 'preact';
import type { Run } from '../../src/tracking/entities';
import { columnsFor, visibleColumns, DEFAULT_HIDDEN } from '../../src/ui/tracking/columns';
import { RunsTable, tableRows } from '../../src/ui/tracking/runs-table';
import { DEFAULT_SORT, type SortState } from '../../src/ui/tracking/sort';
import '../../src/ui/styles.css';
import '../../src/ui/tracking/tracking.css';

type Report = (figure: Record<string, unknown>) => void;
const N = 10_000;

function makeRuns(): Run[] {
  const runs: Run[] = [];
  const t0 = Date.UTC(2024, 0, 1);
  for (let r = 0; r < N; r++) {
    const runId = r.toString(16).padStart(32, '0');
    const params: Record<string, string> = {};
    for (let i = 0; i < 20; i++)
      params[`p${i}`] = i % 5 === 0 ? ['relu', 'tanh', 'adam', 'sgd'][(r + i) % 4]! : String(((r * (i + 3)) % 97) / 10);
    const metrics: Record<string, number> = {};
    for (let i = 0; i < 10; i++) metrics[`m${i}`] = ((r * 7919 + i * 104729) % 10007) / 10007;
    const tags: Record<string, string> = { 'mlflow.runName': `run-${r}`, 'mlflow.source.name': 'sweep.ts' };
    if (r % 20 > 0 && r % 20 < 4) tags['mlflow.parentRunId'] = (r - (r % 20)).toString(16).padStart(32, '0');
    runs.push({
      info: {
        runId,
        runName: `run-${r}`,
        experimentId: '1',
        userId: 'bench',
        status: r % 50 ? 'FINISHED' : 'FAILED',
        startTime: t0 + r * 1000,
        endTime: t0 + r * 1000 + 5000 + (r % 300) * 10,
        artifactUri: '',
        lifecycleStage: 'active',
      },
      data: { params, metrics, tags },
      inputs: { datasetInputs: [] },
    });
  }
  return runs;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function (report: Report) {
  const runs = makeRuns();
  const host = document.createElement('div');
  host.style.width = '1400px';
  document.body.append(host);
  const noop = () => {};
  const props = (sort: SortState, columns: ReturnType<typeof columnsFor>) => ({
    runs,
    columns,
    sort,
    onSort: noop,
    selected: new Set<string>(),
    onSelect: noop,
    expanded: new Set<string>(),
    onToggleExpand: noop,
    height: 800,
  });

  const firsts: number[] = [];
  let columns = visibleColumns(columnsFor(runs), new Set(DEFAULT_HIDDEN));
  for (let round = 0; round < 7; round++) {
    render(null, host);
    await nextFrame();
    const t = performance.now();
    columns = visibleColumns(columnsFor(runs), new Set(DEFAULT_HIDDEN));
    render(h(RunsTable, props(DEFAULT_SORT, columns)), host);
    void host.offsetHeight; // include style and layout
    firsts.push(performance.now() - t);
  }
  const rows = host.querySelectorAll('tbody tr[aria-rowindex]').length;
  report({
    bench: 'runs-table.first-render',
    runs: N,
    columns: columns.length,
    renderedRows: rows,
    ms: Math.round(median(firsts)),
    min: Math.round(Math.min(...firsts)),
    goal: '< 200',
  });

  for (const columnId of ['metric:m3', 'param:p1', 'param:p5', 'attr:name']) {
    const times: number[] = [];
    const sorts: number[] = [];
    for (let round = 0; round < 7; round++) {
      const t0 = performance.now();
      tableRows(runs, columns, { columnId, direction: 'asc' }, new Set(), { now: Date.now() });
      sorts.push(performance.now() - t0);
    }
    for (let round = 0; round < 7; round++) {
      const direction = round % 2 ? 'desc' : 'asc';
      await nextFrame();
      const t = performance.now();
      render(h(RunsTable, props({ columnId, direction }, columns)), host);
      void host.offsetHeight;
      times.push(performance.now() - t);
    }
    const first = host.querySelector('tbody th[scope=row] a')?.textContent;
    report({
      bench: 'runs-table.re-sort',
      runs: N,
      column: columnId,
      ms: Math.round(median(times)),
      min: Math.round(Math.min(...times)),
      sortAndTreeMs: Math.round(median(sorts)),
      firstRow: first,
      goal: '< 200',
    });
  }

  const scroller = host.querySelector<HTMLElement>('.runs-scroll')!;
  const scrolls: number[] = [];
  for (let round = 0; round < 5; round++) {
    await nextFrame();
    const t = performance.now();
    scroller.scrollTop = (scroller.scrollHeight / 10) * (round + 4);
    scroller.dispatchEvent(new Event('scroll'));
    await new Promise<void>((r) => requestAnimationFrame(() => r()));
    await new Promise<void>((r) => setTimeout(r, 0)); // Preact flushes the state update
    void host.offsetHeight;
    scrolls.push(performance.now() - t);
  }
  report({
    bench: 'runs-table.scroll-jump',
    runs: N,
    ms: Math.round(median(scrolls)),
    min: Math.round(Math.min(...scrolls)),
    note: 'includes waiting for one animation frame',
  });
  render(null, host);
}
