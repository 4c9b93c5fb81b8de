// Kiroku's own output types: a run a cell logged (a link to its page) and a fit's live progress.
import type { Progress, RunLink } from '../../../notebook/protocol';
import { formatNumber } from '../../format';
import { href } from '../../router';

export function RunLinkOutput({ run }: { run: RunLink }) {
  const metrics = `${run.metricCount} ${run.metricCount === 1 ? 'metric' : 'metrics'}`;
  return (
    <p class="run-link">
      Run <a href={href('experiments', run.experimentId, 'runs', run.runId)}>{run.runName}</a>{' '}
      <span class={`status status-${run.status.toLowerCase()}`}>{run.status}</span> · {metrics}
    </p>
  );
}

export function ProgressOutput({ progress }: { progress: Progress }) {
  const { label, step, total, metrics } = progress;
  const text = Object.entries(metrics).map(([k, v]) => `${k} ${formatNumber(v)}`).join(' · ');
  return (
    <div class="progress-output">
      <label>
        <span>{label} {total ? `${step}/${total}` : step}</span>
        {total ? <progress max={total} value={step} /> : null}
      </label>
      {text && <span class="progress-metrics">{text}</span>}
    </div>
  );
}
