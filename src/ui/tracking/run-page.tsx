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
import { t, type MessageKey } from '../i18n/t';
import { rich } from '../i18n/rich';

const TAB_LABELS: Record<RunTab, MessageKey> = {
  overview: 'run.tab.overview',
  metrics: 'run.tab.metrics',
  artifacts: 'run.tab.artifacts',
};

export function RunPage({
  experiment,
  runId,
  tab,
  query,
}: {
  experiment: Experiment | undefined;
  runId: string;
  tab: RunTab;
  query: URLSearchParams;
}) {
  const run = useLive((c) => c.getRun(runId), [runId], { relevant: aboutRun(runId), minInterval: 300 });
  return (
    <section class="page run-page" aria-labelledby="page-title">
      <nav class="breadcrumbs" aria-label={t('run.breadcrumb')}>
        <a href={experimentsHref([])}>{t('exp.list')}</a>
        <span aria-hidden="true"> › </span>
        {experiment ? (
          <a href={experimentsHref([experiment.experimentId])}>{experiment.name}</a>
        ) : (
          <span>{t('run.unknownExp')}</span>
        )}
        <span aria-hidden="true"> › </span>
      </nav>
      {run.status === 'loading' && <p aria-busy="true">{t('exp.loadingRun')}</p>}
      {run.status === 'error' && (
        <>
          <h1 id="page-title">{t('run.notFound')}</h1>
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
        <h1 id="page-title" data-user-content="">
          {info.runName}
        </h1>
        <span class={`status status-${info.status.toLowerCase()}`}>{info.status}</span>
        {info.lifecycleStage === 'deleted' && <span class="badge warn">{t('run.deleted')}</span>}
        <span class="spacer" />
        <button type="button" onClick={() => setDialog('rename')}>
          {t('run.rename')}
        </button>
        {info.lifecycleStage === 'deleted' ? (
          <button
            type="button"
            onClick={() => client.restoreRun(info.runId).catch((e: Error) => setFailure(e.message))}>
            {t('run.restore')}
          </button>
        ) : (
          <button type="button" onClick={() => setDialog('delete')}>
            {t('run.delete')}
          </button>
        )}
      </div>
      {failure && (
        <p role="alert" class="form-error">
          {failure}
        </p>
      )}
      <nav class="tabs" aria-label={t('run.sections')}>
        {(Object.keys(TAB_LABELS) as RunTab[]).map((id) => (
          <a key={id} href={runHref(info.experimentId, info.runId, id)} aria-current={id === tab ? 'page' : undefined}>
            {t(TAB_LABELS[id])}
            {id === 'metrics' && Object.keys(run.data.metrics).length ? (
              <span class="count-badge">{Object.keys(run.data.metrics).length}</span>
            ) : null}
          </a>
        ))}
      </nav>
      {tab === 'overview' && <RunOverview run={run} />}
      {tab === 'metrics' && <MetricCharts run={run} query={query} />}
      {tab === 'artifacts' && <ArtifactBrowser run={run} path={query.get('path')} />}

      {dialog === 'rename' && (
        <PromptDialog
          title={t('run.renameTitle')}
          label={t('run.name')}
          initial={info.runName}
          submitLabel={t('run.rename')}
          onClose={() => setDialog(null)}
          onSubmit={async (name) => void (await client.updateRun(info.runId, { runName: name }))}
        />
      )}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={t('run.delete')}
          confirmLabel={t('common.delete')}
          danger
          onClose={() => setDialog(null)}
          onConfirm={() => client.deleteRun(info.runId)}>
          <p>{rich('run.deleteText', { name: <strong>{info.runName}</strong> })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
