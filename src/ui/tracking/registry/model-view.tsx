// One registered model: description, aliases, its versions with their source runs, and tags. Select
// two or more versions to compare them — which compares the runs that made them (params, metrics,
// histories) on the comparison page.
import { useState } from 'preact/hooks';
import type { ModelVersion, RegisteredModel } from '../../../model-registry/entities';
import type { Run } from '../../../tracking/entities';
import { navigate } from '../../router';
import { DescriptionEditor } from '../../components/description-editor';
import { TagsEditor } from '../../components/tags-editor';
import { formatCreated } from '../../format';
import { compareHref, runHref } from '../routes';
import { useLive } from '../use-live';
import { AliasEditor } from './aliases';
import { modelsHref, predictHref, registryClient, versionHref } from './registry';
import { runsUriParts } from '../../../lib/model-uri';
import { t } from '../../i18n/t';

export interface ModelData {
  model: RegisteredModel;
  versions: ModelVersion[];
  /** Source runs by run id (missing when a run was deleted for good). */
  runs: Map<string, Run>;
}

export function useModel(name: string) {
  return useLive(
    async (tracking): Promise<ModelData> => {
      const registry = await registryClient();
      const [model, versions] = await Promise.all([registry.getRegisteredModel(name), registry.searchModelVersions()]);
      const ids = [...new Set(versions.map((v) => v.runId).filter((id): id is string => !!id))];
      const runs = new Map<string, Run>();
      await Promise.all(
        ids.map((id) =>
          tracking.getRun(id).then(
            (r) => runs.set(id, r),
            () => undefined,
          ),
        ),
      );
      return {
        model,
        versions: versions.filter((v) => v.name === name).sort((a, b) => Number(b.version) - Number(a.version)),
        runs,
      };
    },
    [name],
    { relevant: (m) => m.type === 'model-registered' && m.name === name },
  );
}

export function RunLink({ runs, runId }: { runs: Map<string, Run>; runId: string | null }) {
  if (!runId) return <span class="muted">—</span>;
  const run = runs.get(runId);
  return run ? (
    <a href={runHref(run.info.experimentId, runId)}>{run.info.runName}</a>
  ) : (
    <code title={t('model.notInBrowser')}>{runId.slice(0, 8)}…</code>
  );
}

export function ModelView({ name }: { name: string }) {
  const data = useModel(name);
  return (
    <section class="page" aria-labelledby="page-title">
      <nav class="breadcrumbs" aria-label={t('run.breadcrumb')}>
        <a href={modelsHref()}>{t('models.title')}</a>
        <span aria-hidden="true"> › </span>
      </nav>
      {data.status === 'loading' && <p aria-busy="true">{t('model.loading')}</p>}
      {data.status === 'error' && (
        <>
          <h1 id="page-title">{t('model.notFound')}</h1>
          <p role="alert">{data.error.message}</p>
        </>
      )}
      {data.status === 'ready' && <ModelBody data={data.value} />}
    </section>
  );
}

function ModelBody({ data }: { data: ModelData }) {
  const { model, versions, runs } = data;
  const [selected, setSelected] = useState<string[]>([]);
  const chosen = versions.filter((v) => selected.includes(v.version));
  const runIds = [...new Set(chosen.map((v) => v.runId).filter((id): id is string => !!id && runs.has(id)))];
  return (
    <>
      <div class="page-head">
        <h1 id="page-title" data-user-content="">
          {model.name}
        </h1>
        <span class="muted">
          {t('model.summary', { count: versions.length, created: formatCreated(model.creationTimestamp) })}
        </span>
      </div>
      <DescriptionEditor
        id="model-description"
        text={model.description}
        onSave={async (text) => void (await (await registryClient()).updateRegisteredModel(model.name, text))}
      />
      <AliasEditor model={model} versions={versions} />
      <section class="card" aria-labelledby="versions-title">
        <div class="card-head">
          <h2 id="versions-title">{t('models.versions')}</h2>
          <button
            type="button"
            class="small"
            disabled={runIds.length < 2}
            onClick={() => navigate(compareHref(runIds))}>
            {chosen.length >= 2 ? t('model.compareN', { count: chosen.length }) : t('model.compare')}
          </button>
          {chosen.length >= 2 && runIds.length < 2 && <span class="muted">{t('model.sameRun')}</span>}
        </div>
        {versions.length === 0 ? (
          <p class="muted">{t('model.noVersions')}</p>
        ) : (
          <table class="kv">
            <thead>
              <tr>
                <th scope="col">
                  <span class="vh">{t('model.select')}</span>
                </th>
                <th scope="col">{t('models.versions')}</th>
                <th scope="col">{t('model.registered')}</th>
                <th scope="col">{t('models.aliases')}</th>
                <th scope="col">{t('model.sourceRun')}</th>
                <th scope="col">{t('model.status')}</th>
                <th scope="col">{t('models.description')}</th>
                <th scope="col">
                  <span class="vh">{t('model.predict')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('model.selectVersion', { version: v.version })}
                      checked={selected.includes(v.version)}
                      onChange={(e) =>
                        setSelected(
                          e.currentTarget.checked ? [...selected, v.version] : selected.filter((s) => s !== v.version),
                        )
                      }
                    />
                  </td>
                  <th scope="row">
                    <a href={versionHref(model.name, v.version)}>{t('models.version', { version: v.version })}</a>
                  </th>
                  <td>{formatCreated(v.creationTimestamp)}</td>
                  <td>
                    {v.aliases.map((a) => (
                      <code key={a} class="badge alias">
                        @{a}
                      </code>
                    ))}
                  </td>
                  <td>
                    <RunLink runs={runs} runId={v.runId ?? runsUriParts(v.source)?.runId ?? null} />
                  </td>
                  <td>{v.status}</td>
                  <td class="value" data-user-content="">
                    {v.description.split('\n')[0]}
                  </td>
                  <td>
                    <a
                      href={predictHref(`models:/${model.name}/${v.version}`)}
                      aria-label={t('model.predictWith', { version: v.version })}>
                      {t('model.predict')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <TagsEditor
        id="model-tags"
        tags={model.tags}
        onSet={async (k, v) => (await registryClient()).setRegisteredModelTag(model.name, k, v)}
        onDelete={async (k) => (await registryClient()).deleteRegisteredModelTag(model.name, k)}
      />
    </>
  );
}
