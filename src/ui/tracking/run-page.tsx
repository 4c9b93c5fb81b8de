// One run: header (name, status, rename, delete or restore, compare with siblings), then a tab per
// concern — Overview, Metric charts, Artifacts — each a sub-route (`…/runs/<id>/metrics`), so a link
// reopens the tab. The run is reloaded only when *this* run changes, and a running run keeps updating.
import { useState } from 'preact/hooks';
import type { Experiment, Run } from '../../tracking/entities';
import { mlflow } from '../../tracking/default';
import { ConfirmDialog, PromptDialog } from '../components/dialog';
import { ArtifactBrowser } from './artifact-browser';
import { MetricCharts } from './metric-charts';
import { RunOverview } from './run-overview';
import { experimentsHref, runHref, type RunTab } from './routes';
import { aboutRun, useLive } from './use-live';

const TAB_LABELS: Record<RunTab, string> = { overview: 'Overview', metrics: 'Metric charts', artifacts: 'Artifacts' };

export function RunPage({ experiment, runId, tab, query }: { experiment: Experiment | undefined; runId: string; tab: RunTab; query: URLSearchParams }) {
  const run = useLive((c) => c.getRun(runId), [runId], { relevant: aboutRun(runId), minInterval: 300 });
  return (
    <section class="page run-page" aria-labelledby="page-title">
      <nav class="breadcrumbs" aria-label="Breadcrumb">
        <a href={experimentsHref([])}>Experiments</a>
        <span aria-hidden="true"> › </span>
        {experiment ? <a href={experimentsHref([experiment.experimentId])}>{experiment.name}</a> : <span>unknown experiment</span>}
        <span aria-hidden="true"> › </span>
      </nav>
      {run.status === 'loading' && <p aria-busy="true">Loading the run…</p>}
      {run.status === 'error' && (
        <>
          <h1 id="page-title">Run not found</h1>
          <p role="alert">{run.error.message}</p>
        </>
      )}
      {run.status === 'ready' && <RunBody run={run.value} tab={tab} query={query} />}
    </section>
  );
}

function RunBody({ run, tab, query }: { run: Run; tab: RunTab; query: URLSearchParams }) {
  const { info } = run;
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const client = mlflow.client();
  return (
    <>
      <div class="page-head run-head">
        <h1 id="page-title">{info.runName}</h1>
        <span class={`status status-${info.status.toLowerCase()}`}>{info.status}</span>
        {info.lifecycleStage === 'deleted' && <span class="badge warn">deleted</span>}
        <span class="spacer" />
        <button type="button" onClick={() => setDialog('rename')}>Rename</button>
        {info.lifecycleStage === 'deleted' ? (
          <button type="button" onClick={() => client.restoreRun(info.runId).catch((e: Error) => setFailure(e.message))}>Restore run</button>
        ) : (
          <button type="button" onClick={() => setDialog('delete')}>Delete run</button>
        )}
      </div>
      {failure && <p role="alert" class="form-error">{failure}</p>}
      <nav class="tabs" aria-label="Run sections">
        {(Object.keys(TAB_LABELS) as RunTab[]).map((t) => (
          <a key={t} href={runHref(info.experimentId, info.runId, t)} aria-current={t === tab ? 'page' : undefined}>
            {TAB_LABELS[t]}
            {t === 'metrics' && Object.keys(run.data.metrics).length ? <span class="count-badge">{Object.keys(run.data.metrics).length}</span> : null}
          </a>
        ))}
      </nav>
      {tab === 'overview' && <RunOverview run={run} />}
      {tab === 'metrics' && <MetricCharts run={run} query={query} />}
      {tab === 'artifacts' && <ArtifactBrowser run={run} path={query.get('path')} />}

      {dialog === 'rename' && (
        <PromptDialog title="Rename run" label="Run name" initial={info.runName} submitLabel="Rename" onClose={() => setDialog(null)}
          onSubmit={async (name) => void (await client.updateRun(info.runId, { runName: name }))} />
      )}
      {dialog === 'delete' && (
        <ConfirmDialog title="Delete run" confirmLabel="Delete" danger onClose={() => setDialog(null)} onConfirm={() => client.deleteRun(info.runId)}>
          <p>Delete the run <strong>{info.runName}</strong>? It stays restorable: show deleted runs in the runs table.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
