// A run's params (key and value) and metrics (latest value, its step, a sparkline of the history and
// a link to the full chart). Histories are read only for the metrics table's sparklines, in one go.
import type { Run } from '../../tracking/entities';
import { runHref } from './routes';
import { Sparkline } from './sparkline';
import { useSameItems } from './use-same-items';
import { aboutRun, useLive } from './use-live';
import { t } from '../i18n/t';

export function ParamsTable({ params }: { params: Record<string, string> }) {
  const keys = Object.keys(params).sort();
  return (
    <section class="card" aria-labelledby="run-params">
      <h2 id="run-params">
        {t('run.params')} <span class="muted">({keys.length})</span>
      </h2>
      {keys.length === 0 ? (
        <p class="muted">{t('run.noParams')}</p>
      ) : (
        <table class="kv">
          <thead>
            <tr>
              <th scope="col">{t('run.colName')}</th>
              <th scope="col">{t('run.colValue')}</th>
            </tr>
          </thead>
          <tbody data-user-content="">
            {keys.map((k) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td class="value">{params[k]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function MetricsTable({ run }: { run: Run }) {
  const runId = run.info.runId;
  const keys = useSameItems(Object.keys(run.data.metrics).sort());
  const histories = useLive(
    async (c) =>
      new Map(
        await Promise.all(
          keys.map(async (k) => [k, (await c.getMetricHistory(runId, k)).map((m) => m.value)] as const),
        ),
      ),
    [runId, keys],
    { relevant: aboutRun(runId), minInterval: 1000 },
  );
  return (
    <section class="card" aria-labelledby="run-metrics">
      <h2 id="run-metrics">
        {t('run.metrics')} <span class="muted">({keys.length})</span>
      </h2>
      {keys.length === 0 ? (
        <p class="muted">{t('run.noMetrics')}</p>
      ) : (
        <table class="kv">
          <thead>
            <tr>
              <th scope="col">{t('run.colName')}</th>
              <th scope="col" class="num">
                {t('run.latest')}
              </th>
              <th scope="col">{t('run.history')}</th>
            </tr>
          </thead>
          {/* A run's page shows each metric's latest value in full (as MLflow's does); tables elsewhere shorten it. */}
          <tbody>
            {keys.map((k) => {
              const h = histories.status === 'ready' ? histories.value.get(k) : undefined;
              return (
                <tr key={k}>
                  <th scope="row">
                    <a
                      href={runHref(run.info.experimentId, runId, 'metrics', { metric: k })}
                      title={t('run.chartOf', { key: k })}
                      data-user-content="">
                      {k}
                    </a>
                  </th>
                  <td class="num">{String(run.data.metrics[k])}</td>
                  <td>{h ? <Sparkline values={h} label={t('run.historyOf', { key: k })} /> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
