// One model version: where it came from (source URI and run), its aliases, description, signature
// (read from the source run's MLmodel), a snippet that loads it by its registry URI, and tags.
import { useMemo } from 'preact/hooks';
import type { ModelVersion } from '../../../model-registry/entities';
import { CopyButton } from '../../components/copy-button';
import { DescriptionEditor } from '../../components/description-editor';
import { TagsEditor } from '../../components/tags-editor';
import { formatCreated } from '../../format';
import { parseMlmodel, predictSnippet, SpecTable } from '../mlmodel-view';
import { runHref } from '../routes';
import { useLive } from '../use-live';
import { DeployButton } from '../deploy/deploy-dialog';
import { AliasEditor } from './aliases';
import { useModel, RunLink, type ModelData } from './model-view';
import { modelHref, modelsHref, predictHref, registryClient } from './registry';
import { runsUriParts } from '../../../lib/model-uri';
import { t } from '../../i18n/t';

export function VersionView({ name, version }: { name: string; version: string }) {
  const data = useModel(name);
  const v = data.status === 'ready' ? data.value.versions.find((x) => x.version === version) : undefined;
  return (
    <section class="page" aria-labelledby="page-title">
      <nav class="breadcrumbs" aria-label={t('run.breadcrumb')}>
        <a href={modelsHref()}>{t('models.title')}</a>
        <span aria-hidden="true"> › </span>
        <a href={modelHref(name)}>{name}</a>
        <span aria-hidden="true"> › </span>
      </nav>
      {data.status === 'loading' && <p aria-busy="true">{t('version.loading')}</p>}
      {data.status === 'error' && (
        <>
          <h1 id="page-title">{t('model.notFound')}</h1>
          <p role="alert">{data.error.message}</p>
        </>
      )}
      {data.status === 'ready' && !v && (
        <>
          <h1 id="page-title">{t('version.notFound')}</h1>
          <p role="alert">{t('version.none', { name, version })}</p>
        </>
      )}
      {data.status === 'ready' && v && <VersionBody data={data.value} v={v} />}
    </section>
  );
}

function VersionBody({ data, v }: { data: ModelData; v: ModelVersion }) {
  const source = useMemo(() => runsUriParts(v.source), [v.source]);
  const run = source ? data.runs.get(source.runId) : undefined;
  const uri = `models:/${v.name}/${v.version}`;
  const signature = useLive(
    async (tracking) => {
      if (!source) return null;
      const text = await (await tracking.downloadArtifact(source.runId, `${source.path}/MLmodel`)).text();
      return parseMlmodel(text);
    },
    [source],
    { relevant: () => false },
  );
  const snippet = predictSnippet(v.aliases[0] ? `models:/${v.name}@${v.aliases[0]}` : uri);
  return (
    <>
      <div class="page-head">
        <h1 id="page-title">{t('version.title', { name: v.name, version: v.version })}</h1>
        {v.aliases.map((a) => (
          <code key={a} class="badge alias">
            @{a}
          </code>
        ))}
      </div>
      <dl class="facts">
        <dt>{t('model.registered')}</dt>
        <dd>{t('version.by', { time: formatCreated(v.creationTimestamp), user: v.userId })}</dd>
        <dt>{t('model.status')}</dt>
        <dd>{v.status}</dd>
        <dt>{t('version.source')}</dt>
        <dd>
          <code>{v.source}</code>
          {source && run && (
            <>
              {' '}
              ·{' '}
              <a href={runHref(run.info.experimentId, run.info.runId, 'artifacts', { path: `${source.path}/MLmodel` })}>
                {t('version.files')}
              </a>
            </>
          )}
        </dd>
        <dt>{t('model.sourceRun')}</dt>
        <dd>
          <RunLink runs={data.runs} runId={v.runId ?? source?.runId ?? null} />
        </dd>
        <dt>URI</dt>
        <dd>
          <code>{uri}</code> <CopyButton text={uri} label={t('version.copyUri')} />
        </dd>
      </dl>
      <AliasEditor model={data.model} versions={data.versions} fixedVersion={v.version} />
      <DescriptionEditor
        id="version-description"
        text={v.description}
        onSave={async (text) => void (await (await registryClient()).updateModelVersion(v.name, v.version, text))}
      />
      <section class="card" aria-labelledby="signature-title">
        <h2 id="signature-title">{t('version.signature')}</h2>
        {signature.status === 'loading' && <p aria-busy="true">{t('version.reading')}</p>}
        {signature.status === 'error' && (
          <p role="alert">{t('version.readFailed', { error: signature.error.message })}</p>
        )}
        {signature.status === 'ready' && signature.value && (
          <>
            <p>
              {t('version.flavors')}
              {signature.value.flavors.map((f) => (
                <code key={f} class="badge">
                  {f}
                </code>
              ))}
            </p>
            <SpecTable kind="inputs" spec={signature.value.inputs} />
            <SpecTable kind="outputs" spec={signature.value.outputs} />
          </>
        )}
      </section>
      <section class="card" aria-labelledby="make-predictions">
        <div class="card-head">
          <h2 id="make-predictions">{t('version.predictions')}</h2>
          <CopyButton text={snippet} label={t('version.copyCode')} />
          <a href={predictHref(uri)}>{t('version.predictCsv')}</a>
          <DeployButton uri={v.aliases[0] ? `models:/${v.name}@${v.aliases[0]}` : uri} />
        </div>
        <pre class="code">
          <code>{snippet}</code>
        </pre>
      </section>
      <TagsEditor
        id="version-tags"
        tags={v.tags}
        onSet={async (k, val) => (await registryClient()).setModelVersionTag(v.name, v.version, k, val)}
        onDelete={async (k) => (await registryClient()).deleteModelVersionTag(v.name, v.version, k)}
      />
    </>
  );
}
