// Datasets a run used (`mlflow.logInput`): name, digest, context (train, eval…), source, and the
// schema (MLflow's `{"mlflow_colspec": [...]}`) and profile, both stored as JSON strings.
import { Fragment } from 'preact';
import type { DatasetInput } from '../../tracking/entities';

interface ColSpec {
  name?: string;
  type?: string;
}

export function parseSchema(schema: string | undefined): ColSpec[] | null {
  if (!schema) return null;
  try {
    const parsed = JSON.parse(schema) as { mlflow_colspec?: ColSpec[] } | ColSpec[];
    return Array.isArray(parsed) ? parsed : parsed.mlflow_colspec ?? null;
  } catch {
    return null;
  }
}

export function parseProfile(profile: string | undefined): Array<[string, string]> {
  if (!profile) return [];
  try {
    return Object.entries(JSON.parse(profile) as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
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
    return source ? `${sourceType ?? 'unknown'}: ${source}` : sourceType ?? 'unknown';
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));
  if (sourceType === 'code') {
    const tags = (parsed.tags ?? {}) as Record<string, unknown>;
    const name = text(tags['mlflow.source.name']);
    return name ? `Code, in ${name}` : 'Code (built in a notebook cell or script)';
  }
  const where = text(parsed.url ?? parsed.uri ?? parsed.path ?? parsed.table_name);
  if (where) return `${sourceType ?? 'unknown'}: ${where}`;
  const fields = Object.entries(parsed).map(([k, v]) => `${k} ${text(v)}`).join(', ');
  return fields ? `${sourceType ?? 'unknown'}: ${fields}` : sourceType ?? 'unknown';
}

export function DatasetInputs({ inputs }: { inputs: DatasetInput[] }) {
  return (
    <section class="card" aria-labelledby="run-datasets">
      <h2 id="run-datasets">Datasets <span class="muted">({inputs.length})</span></h2>
      {inputs.length === 0 ? <p class="muted">No dataset inputs.</p> : inputs.map((d, i) => {
        const schema = parseSchema(d.dataset.schema);
        const profile = parseProfile(d.dataset.profile);
        const context = d.tags['mlflow.data.context'];
        return (
          <article key={`${d.dataset.name}-${d.dataset.digest}-${i}`} class="dataset" aria-label={`Dataset ${d.dataset.name}`}>
            <h3>{d.dataset.name} {context && <span class="badge">{context}</span>}</h3>
            <dl class="facts compact">
              <dt>Digest</dt><dd><code>{d.dataset.digest}</code></dd>
              <dt>Source</dt><dd>{describeSource(d.dataset.sourceType, d.dataset.source)}</dd>
              {profile.map(([k, v]) => <Fragment key={k}><dt>{k.replace(/_/g, ' ')}</dt><dd>{v}</dd></Fragment>)}
            </dl>
            {schema && schema.length > 0 && (
              <details>
                <summary>Schema ({schema.length} columns)</summary>
                <table class="kv">
                  <thead><tr><th scope="col">Column</th><th scope="col">Type</th></tr></thead>
                  <tbody>{schema.map((c, j) => <tr key={j}><th scope="row">{c.name ?? `#${j}`}</th><td>{c.type ?? ''}</td></tr>)}</tbody>
                </table>
              </details>
            )}
          </article>
        );
      })}
    </section>
  );
}
