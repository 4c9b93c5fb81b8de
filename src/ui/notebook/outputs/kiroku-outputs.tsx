// Kiroku's own output types: a run a cell logged (a link to its page) and a fit's live progress.
import type { Progress, RunLink } from '../../../notebook/protocol';
import { formatElapsed, formatNumber } from '../../format';
import { href } from '../../router';
import { t } from '../../i18n/t';

export function RunLinkOutput({ run }: { run: RunLink }) {
  const metrics = t('out.metrics', { count: run.metricCount });
  // A run where this page keeps runs opens here; one a cell logged to another server, in that server's UI.
  const server = serverUrl(run.server);
  return (
    <p class="run-link">
      {t('out.run')}{' '}
      {server ? (
        // A run on an MLflow server opens in that server's UI (its route for a run's page).
        <a
          href={
            `${server.href.replace(/\/+$/, '')}/#/experiments/${encodeURIComponent(run.experimentId)}` +
            `/runs/${encodeURIComponent(run.runId)}`
          }
          target="_blank"
          rel="noopener noreferrer">
          {run.runName}
        </a>
      ) : (
        <a href={href('experiments', run.experimentId, 'runs', run.runId)}>{run.runName}</a>
      )}{' '}
      <span class={`status status-${run.status.toLowerCase()}`}>{run.status}</span> · {metrics}
      {server ? <span class="muted">{t('out.on', { host: server.host })}</span> : null}
    </p>
  );
}

/** Only http(s) URLs become links: the value comes from a cell. */
function serverUrl(value: string | undefined): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Training progress, as Keras prints it: the run, a bar with "epoch 7/20", the latest metrics, and the
 * time left (or, once done, the time it took). Without a known total: the latest step and metrics.
 */
export function ProgressOutput({ progress }: { progress: Progress }) {
  const { label, step, total, metrics, unit, etaMs, elapsedMs } = progress;
  const text = Object.entries(metrics)
    .map(([k, v]) => `${k} ${formatNumber(v)}`)
    .join(' · ');
  const count = total ? t(unit === 'epoch' ? 'out.epoch' : 'out.stepOf', { step, total }) : t('out.step', { step });
  const done = total !== undefined && step >= total;
  const time = done
    ? elapsedMs !== undefined
      ? t('out.doneIn', { time: formatElapsed(elapsedMs) })
      : t('out.done')
    : etaMs !== undefined
      ? t('out.eta', { time: formatElapsed(etaMs) })
      : '';
  return (
    <div class="progress-output">
      <span class="progress-label">{label}</span>
      {total ? (
        <progress
          max={total}
          value={step}
          aria-label={t(unit === 'epoch' ? 'out.progressEpoch' : 'out.progress', { label, step, total })}
        />
      ) : null}
      <span class="progress-count">{count}</span>
      {text && <span class="progress-metrics">{text}</span>}
      {time && <span class="progress-time">{time}</span>}
    </div>
  );
}
