// Experiments: the sidebar and the runs of the selected experiments, or one run's page. Routes:
// `#/experiments` (the first active experiment), `#/experiments/1,4` (several side by side),
// `#/experiments/1/runs/<runId>[/metrics|/artifacts]`. The tracking views live in ui/tracking/.
import { lazy, Suspense } from 'preact/compat';
import type { Experiment } from '../../tracking/entities';
import '../tracking/tracking.css';
import { ExperimentsSidebar } from '../tracking/experiments-sidebar';
import { parseTrackingRoute } from '../tracking/routes';
import { RunsView } from '../tracking/runs-view';
import { useLive } from '../tracking/use-live';
import { t } from '../i18n/t';

const RunPage = lazy(() => import('../tracking/run-page').then((m) => ({ default: m.RunPage })));

export default function ExperimentsPage({ segments, query }: { segments: string[]; query: URLSearchParams }) {
  const route = parseTrackingRoute(segments);
  const experiments = useLive((c) => c.searchExperiments('ALL'), [], {
    relevant: (m) => m.type === 'experiment-changed',
  });
  if (experiments.status === 'loading') return <p aria-busy="true">{t('exp.loading')}</p>;
  if (experiments.status === 'error')
    return <p role="alert">{t('exp.readFailed', { error: experiments.error.message })}</p>;
  const list = experiments.value;

  if (route.view === 'run') {
    return (
      <Suspense fallback={<p aria-busy="true">{t('exp.loadingRun')}</p>}>
        <RunPage
          key={route.runId}
          experiment={list.find((e) => e.experimentId === route.experimentId)}
          runId={route.runId}
          tab={route.tab}
          query={query}
        />
      </Suspense>
    );
  }

  const byId = new Map(list.map((e) => [e.experimentId, e]));
  let selected = route.experimentIds.map((id) => byId.get(id)).filter((e): e is Experiment => Boolean(e));
  const missing = route.experimentIds.filter((id) => !byId.has(id));
  if (!selected.length && !missing.length) {
    const first = list.find((e) => e.lifecycleStage === 'active');
    if (first) selected = [first];
  }
  return (
    <div class="split">
      <ExperimentsSidebar experiments={list} selectedIds={selected.map((e) => e.experimentId)} />
      <section class="page runs-page" aria-labelledby="page-title">
        {missing.length > 0 && !selected.length ? (
          <>
            <h1 id="page-title">{t('exp.notFound')}</h1>
            <p role="alert">{t('exp.noId', { ids: missing.join(', ') })}</p>
          </>
        ) : selected.length ? (
          <RunsView key={selected.map((e) => e.experimentId).join()} experiments={selected} query={query} />
        ) : (
          <h1 id="page-title">{t('exp.none')}</h1>
        )}
      </section>
    </div>
  );
}
