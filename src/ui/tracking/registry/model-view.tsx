// One registered model: description, aliases, its versions with their source runs, and tags. Select
// two or more versions to compare them — which compares the runs that made them (params, metrics,
// histories) on the comparison page.
import { useState } from 'preact/hooks';
import type { ModelVersion, RegisteredModel } from '../../../registry/entities';
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

export interface ModelData {
  model: RegisteredModel;
  versions: ModelVersion[];
  /** Source runs by run id (missing when a run was deleted for good). */
  runs: Map<string, Run>;
}

export function useModel(name: string) {
  return useLive(async (tracking): Promise<ModelData> => {
    const registry = await registryClient();
    const [model, versions] = await Promise.all([registry.getRegisteredModel(name), registry.searchModelVersions()]);
    const ids = [...new Set(versions.map((v) => v.runId).filter((id): id is string => !!id))];
    const runs = new Map<string, Run>();
    await Promise.all(ids.map((id) => tracking.getRun(id).then((r) => runs.set(id, r), () => undefined)));
    return { model, versions: versions.filter((v) => v.name === name).sort((a, b) => Number(b.version) - Number(a.version)), runs };
  }, [name], { relevant: (m) => m.type === 'model-registered' && m.name === name });
}

export function RunLink({ runs, runId }: { runs: Map<string, Run>; runId: string | null }) {
  if (!runId) return <span class="muted">—</span>;
  const run = runs.get(runId);
  return run ? <a href={runHref(run.info.experimentId, runId)}>{run.info.runName}</a> : <code title="The run is not in this browser">{runId.slice(0, 8)}…</code>;
}

export function ModelView({ name }: { name: string }) {
  const data = useModel(name);
  return (
    <section class="page" aria-labelledby="page-title">
      <nav class="breadcrumbs" aria-label="Breadcrumb"><a href={modelsHref()}>Models</a><span aria-hidden="true"> › </span></nav>
      {data.status === 'loading' && <p aria-busy="true">Loading the model…</p>}
      {data.status === 'error' && <><h1 id="page-title">Model not found</h1><p role="alert">{data.error.message}</p></>}
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
        <h1 id="page-title">{model.name}</h1>
        <span class="muted">{versions.length} version{versions.length === 1 ? '' : 's'} · created {formatCreated(model.creationTimestamp)}</span>
      </div>
      <DescriptionEditor id="model-description" text={model.description}
        onSave={async (text) => void (await (await registryClient()).updateRegisteredModel(model.name, text))} />
      <AliasEditor model={model} versions={versions} />
      <section class="card" aria-labelledby="versions-title">
        <div class="card-head">
          <h2 id="versions-title">Versions</h2>
          <button type="button" class="small" disabled={runIds.length < 2} onClick={() => navigate(compareHref(runIds))}>
            Compare {chosen.length >= 2 ? `${chosen.length} versions` : 'versions'}
          </button>
          {chosen.length >= 2 && runIds.length < 2 && <span class="muted">(the chosen versions come from the same run)</span>}
        </div>
        {versions.length === 0 ? <p class="muted">No versions.</p> : (
          <table class="kv">
            <thead>
              <tr><th scope="col"><span class="vh">Select</span></th><th scope="col">Version</th><th scope="col">Registered</th><th scope="col">Aliases</th><th scope="col">Source run</th><th scope="col">Status</th><th scope="col">Description</th><th scope="col"><span class="vh">Predict</span></th></tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td><input type="checkbox" aria-label={`Select version ${v.version}`} checked={selected.includes(v.version)}
                    onChange={(e) => setSelected(e.currentTarget.checked ? [...selected, v.version] : selected.filter((s) => s !== v.version))} /></td>
                  <th scope="row"><a href={versionHref(model.name, v.version)}>Version {v.version}</a></th>
                  <td>{formatCreated(v.creationTimestamp)}</td>
                  <td>{v.aliases.map((a) => <code key={a} class="badge alias">@{a}</code>)}</td>
                  <td><RunLink runs={runs} runId={v.runId ?? runsUriParts(v.source)?.runId ?? null} /></td>
                  <td>{v.status}</td>
                  <td class="value">{v.description.split('\n')[0]}</td>
                  <td><a href={predictHref(`models:/${model.name}/${v.version}`)} aria-label={`Predict with version ${v.version}`}>Predict</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <TagsEditor id="model-tags" tags={model.tags}
        onSet={async (k, v) => (await registryClient()).setRegisteredModelTag(model.name, k, v)}
        onDelete={async (k) => (await registryClient()).deleteRegisteredModelTag(model.name, k)} />
    </>
  );
}
