// Datasets a run used (`mlflow.logInput`): name, digest, context (train, eval…), source, and the
// schema (MLflow's `{"mlflow_colspec": [...]}`) and profile, both stored as JSON strings.
import { Fragment } from 'preact';
import type { DatasetInput } from '../../tracking/entities';
import { t } from '../i18n/t';

interface ColSpec {
  name?: string;
  type?: string;
}

export function parseSchema(schema: string | undefined): ColSpec[] | null {
  if (!schema) return null;
  try {
    const parsed = JSON.parse(schema) as { mlflow_colspec?: ColSpec[] } | ColSpec[];
    return Array.isArray(parsed) ? parsed : (parsed.mlflow_colspec ?? null);
  } catch {
    return null;
  }
}

export function parseProfile(profile: string | undefined): Array<[string, string]> {
  if (!profile) return [];
  try {
    return Object.entries(JSON.parse(profile) as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === 'object' ? JSON.stringify(v) : String(v),
    ]);
  } catch {
    return [['profile', profile]];
  }
}

/**
 * Where a dataset came from, as words: MLflow stores a source type and a JSON source — `{"url": …}`
 * for http, `{"uri": …}` for files and tables, `{"tags": {"mlflow.source.name": …}}` for data made
 * in code (Kiroku's autolog: the notebook whose cell made it).
 */
export function describeSource(sourceType: string | undefined, source: string | undefined): string {
  let parsed: Record<string, unknown> = {};
  try {
    const v = JSON.parse(source ?? '{}') as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) parsed = v as Record<string, unknown>;
  } catch {
    return source ? `${sourceType ?? t('ds.unknown')}: ${source}` : (sourceType ?? t('ds.unknown'));
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));
  if (sourceType === 'code') {
    const tags = (parsed.tags ?? {}) as Record<string, unknown>;
    const name = text(tags['mlflow.source.name']);
    return name ? t('ds.codeIn', { name }) : t('ds.code');
  }
  const where = text(parsed.url ?? parsed.uri ?? parsed.path ?? parsed.table_name);
  if (where) return `${sourceType ?? t('ds.unknown')}: ${where}`;
  const fields = Object.entries(parsed)
    .map(([k, v]) => `${k} ${text(v)}`)
    .join(', ');
  return fields ? `${sourceType ?? t('ds.unknown')}: ${fields}` : (sourceType ?? t('ds.unknown'));
}

export function DatasetInputs({ inputs }: { inputs: DatasetInput[] }) {
  return (
    <section class="card" aria-labelledby="run-datasets">
      <h2 id="run-datasets">
        {t('ds.title')} <span class="muted">({inputs.length})</span>
      </h2>
      {inputs.length === 0 ? (
        <p class="muted">{t('ds.none')}</p>
      ) : (
        inputs.map((d, i) => {
          const schema = parseSchema(d.dataset.schema);
          const profile = parseProfile(d.dataset.profile);
          const context = d.tags['mlflow.data.context'];
          return (
            <article
              key={`${d.dataset.name}-${d.dataset.digest}-${i}`}
              class="dataset"
              aria-label={t('ds.dataset', { name: d.dataset.name })}>
              <h3>
                <span data-user-content="">{d.dataset.name}</span> {context && <span class="badge">{context}</span>}
              </h3>
              <dl class="facts compact">
                <dt>{t('ds.digest')}</dt>
                <dd>
                  <code>{d.dataset.digest}</code>
                </dd>
                <dt>{t('run.source')}</dt>
                <dd data-user-content="">{describeSource(d.dataset.sourceType, d.dataset.source)}</dd>
                {profile.map(([k, v]) => (
                  <Fragment key={k}>
                    <dt data-user-content="">{k.replace(/_/g, ' ')}</dt>
                    <dd>{v}</dd>
                  </Fragment>
                ))}
              </dl>
              {schema && schema.length > 0 && (
                <details>
                  <summary>{t('ds.schema', { count: schema.length })}</summary>
                  <table class="kv">
                    <thead>
                      <tr>
                        <th scope="col">{t('ds.column')}</th>
                        <th scope="col">{t('ds.type')}</th>
                      </tr>
                    </thead>
                    <tbody data-user-content="">
                      {schema.map((c, j) => (
                        <tr key={j}>
                          <th scope="row">{c.name ?? `#${j}`}</th>
                          <td>{c.type ?? ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              )}
            </article>
          );
        })
      )}
    </section>
  );
}
