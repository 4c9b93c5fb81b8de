// Experiments and their runs. A first version: experiment list and a runs table with params and
// metrics as columns; the full tracking UI (issue 6) grows from here.
import type { Experiment, Run } from '../../tracking/entities';
import { href } from '../router';
import { formatDuration, formatNumber, formatTime } from '../format';
import { useTracking } from '../use-tracking';

export default function ExperimentsPage({ segments }: { segments: string[] }) {
  const experiments = useTracking((c) => c.searchExperiments(), []);
  if (experiments.status === 'loading') return <p aria-busy="true">Loading experiments…</p>;
  if (experiments.status === 'error') return <p role="alert">Could not read experiments: {experiments.error.message}</p>;
  const list = experiments.value;
  const selected = list.find((e) => e.experimentId === segments[0]) ?? list[0];
  return (
    <div class="split">
      <nav class="sidebar" aria-label="Experiments">
        <h2>Experiments</h2>
        <ul>
          {list.map((e) => (
            <li key={e.experimentId}>
              <a href={href('experiments', e.experimentId)} aria-current={e === selected ? 'page' : undefined}>
                {e.name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section class="page" aria-labelledby="page-title">
        {selected ? <RunsView experiment={selected} /> : <h1 id="page-title">No experiments yet</h1>}
      </section>
    </div>
  );
}

function RunsView({ experiment }: { experiment: Experiment }) {
  const runs = useTracking(
    (c) => c.searchRuns({ experimentIds: [experiment.experimentId], maxResults: 50_000 }),
    [experiment.experimentId],
  );
  return (
    <>
      <h1 id="page-title">{experiment.name}</h1>
      {runs.status === 'loading' && <p aria-busy="true">Loading runs…</p>}
      {runs.status === 'error' && <p role="alert">Could not read runs: {runs.error.message}</p>}
      {runs.status === 'ready' && <RunsTable runs={runs.value} />}
    </>
  );
}

function RunsTable({ runs }: { runs: Run[] }) {
  if (!runs.length) return <p>No runs in this experiment yet. Log one from the notebook.</p>;
  const paramKeys = [...new Set(runs.flatMap((r) => Object.keys(r.data.params)))].sort();
  const metricKeys = [...new Set(runs.flatMap((r) => Object.keys(r.data.metrics)))].sort();
  return (
    <div class="table-scroll">
      <table class="runs">
        <caption>{runs.length === 1 ? '1 run' : `${runs.length} runs`}</caption>
        <thead>
          <tr>
            <th scope="col">Run name</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Duration</th>
            <th scope="col">User</th>
            {paramKeys.map((k) => <th scope="col" key={`p-${k}`}>{k}</th>)}
            {metricKeys.map((k) => <th scope="col" key={`m-${k}`}>{k}</th>)}
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.info.runId}>
              <th scope="row">{r.info.runName}</th>
              <td><span class={`status status-${r.info.status.toLowerCase()}`}>{r.info.status}</span></td>
              <td>{formatTime(r.info.startTime)}</td>
              <td>{formatDuration(r.info.startTime, r.info.endTime)}</td>
              <td>{r.info.userId}</td>
              {paramKeys.map((k) => <td key={`p-${k}`}>{r.data.params[k] ?? ''}</td>)}
              {metricKeys.map((k) => <td key={`m-${k}`} class="num">{k in r.data.metrics ? formatNumber(r.data.metrics[k]!) : ''}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
