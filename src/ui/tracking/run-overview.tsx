// A run's overview: who, when, from where (the notebook cell, with the code it ran), its parent, then
// description, params, metrics, tags and dataset inputs. Everything logged is user text and is
// rendered as text; only the description is markdown, and it is sanitized.
import type { Run } from '../../tracking/entities';
import { SYSTEM_TAGS } from '../../tracking/entities';
import { CopyButton } from '../components/copy-button';
import { formatDuration, formatTime, isoTime } from '../format';
import { DatasetInputs } from './dataset-inputs';
import { RunDescription } from './run-description';
import { RunSource } from './run-source';
import { RunTags } from './run-tags';
import { MetricsTable, ParamsTable } from './run-values';
import { parentOf } from './run-tree';
import { cellHref, runHref } from './routes';
import { useLive } from './use-live';
import { t } from '../i18n/t';

export function RunOverview({ run }: { run: Run }) {
  const { info, data } = run;
  const parent = parentOf(run);
  const cell = cellHref(data.tags);
  const source = data.tags[SYSTEM_TAGS.sourceName];
  return (
    <div class="run-overview">
      <section aria-labelledby="run-facts">
        <h2 id="run-facts" class="vh">
          {t('run.details')}
        </h2>
        <dl class="facts">
          <dt>{t('run.id')}</dt>
          <dd>
            <code>{info.runId}</code> <CopyButton text={info.runId} label={t('run.copyId')} />
          </dd>
          <dt>{t('run.status')}</dt>
          <dd>
            <span class={`status status-${info.status.toLowerCase()}`}>{info.status}</span>
          </dd>
          <dt>{t('run.created')}</dt>
          <dd>
            <time dateTime={isoTime(info.startTime)}>{formatTime(info.startTime)}</time>
          </dd>
          <dt>{t('run.duration')}</dt>
          <dd>
            {formatDuration(info.startTime, info.endTime)}
            {info.endTime == null ? t('run.running') : ''}
          </dd>
          <dt>{t('run.user')}</dt>
          <dd data-user-content="">{info.userId}</dd>
          <dt>{t('run.source')}</dt>
          <dd>
            <span data-user-content="">{source ?? '—'}</span>
            {cell && (
              <>
                {' '}
                · <a href={cell}>{t('run.openCell')}</a>
              </>
            )}
          </dd>
          {parent && (
            <>
              <dt>{t('run.parent')}</dt>
              <dd>
                <ParentLink experimentId={info.experimentId} runId={parent} />
              </dd>
            </>
          )}
          <dt>{t('run.artifactUri')}</dt>
          <dd>
            <code>{info.artifactUri}</code>
          </dd>
        </dl>
      </section>
      <RunDescription run={run} />
      <RunSource run={run} />
      <div class="two-columns">
        <ParamsTable params={data.params} />
        <MetricsTable run={run} />
      </div>
      <RunTags run={run} />
      <DatasetInputs inputs={run.inputs.datasetInputs} />
    </div>
  );
}

function ParentLink({ experimentId, runId }: { experimentId: string; runId: string }) {
  const parent = useLive((c) => c.getRun(runId), [runId], {
    relevant: (m) => m.type === 'run-updated' && m.runId === runId,
  });
  const name = parent.status === 'ready' ? parent.value.info.runName : runId;
  const exp = parent.status === 'ready' ? parent.value.info.experimentId : experimentId;
  return (
    <a href={runHref(exp, runId)} data-user-content="">
      {name}
    </a>
  );
}
