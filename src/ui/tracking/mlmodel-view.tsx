// MLflow's `MLmodel` file, read: its flavors, the signature's inputs and outputs as tables (the
// signature holds them as JSON strings inside the YAML), a "Make predictions" snippet to paste into a
// notebook cell, and "Register model".
import { useEffect, useState } from 'preact/hooks';
import type { Run } from '../../tracking/entities';
import { CopyButton } from '../components/copy-button';
import { PromptDialog } from '../components/dialog';
import { DeployButton } from './deploy/deploy-dialog';
import { registerModel } from './register-model';
import { predictHref, registryClient, versionHref } from './registry/registry';
import { t } from '../i18n/t';
import { rich } from '../i18n/rich';

export interface SpecColumn {
  name: string;
  type: string;
  required: boolean;
}

export interface MlmodelInfo {
  flavors: string[];
  inputs: SpecColumn[] | null;
  outputs: SpecColumn[] | null;
  params: SpecColumn[] | null;
  created: string | null;
  raw: Record<string, unknown>;
}

/** A signature part (a JSON string, or already parsed) → one row per column or tensor. */
export function parseSpec(spec: unknown): SpecColumn[] | null {
  if (spec == null) return null;
  let parsed: unknown = spec;
  if (typeof spec === 'string') {
    try {
      parsed = JSON.parse(spec);
    } catch {
      return null;
    }
  }
  if (!Array.isArray(parsed)) return null;
  return parsed.map((c: Record<string, unknown>, i) => {
    const tensor = c['tensor-spec'] as { dtype?: string; shape?: unknown[] } | undefined;
    const type = tensor ? `tensor ${tensor.dtype ?? ''} ${JSON.stringify(tensor.shape ?? [])}` : String(c.type ?? '');
    return {
      name: c.name != null ? String(c.name) : i === 0 && parsed.length === 1 ? '(unnamed)' : `(column ${i})`,
      type,
      required: c.required !== false,
    };
  });
}

export async function parseMlmodel(text: string): Promise<MlmodelInfo> {
  const { parse } = await import('yaml');
  const raw = (parse(text) ?? {}) as Record<string, unknown>;
  const signature = (raw.signature ?? {}) as Record<string, unknown>;
  return {
    flavors: Object.keys((raw.flavors ?? {}) as object),
    inputs: parseSpec(signature.inputs),
    outputs: parseSpec(signature.outputs),
    params: parseSpec(signature.params),
    created: raw.utc_time_created != null ? String(raw.utc_time_created) : null,
    raw,
  };
}

export function predictSnippet(modelUri: string): string {
  return `const model = await mlflow.pyfunc.loadModel('${modelUri}');\nconst predictions = await model.predict(df);`;
}

export function MlmodelView({ run, path, text }: { run: Run; path: string; text: string }) {
  const [info, setInfo] = useState<MlmodelInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const [registered, setRegistered] = useState<{ name: string; version: string } | null>(null);
  const [modelNames, setModelNames] = useState<string[]>([]);
  // The registered models' names, offered in the Register dialog so a new version joins an existing model.
  useEffect(() => {
    if (!registering) return;
    let live = true;
    registryClient()
      .then((r) => r.searchRegisteredModels())
      .then(
        (models) => live && setModelNames(models.map((m) => m.name).sort()),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [registering]);
  useEffect(() => {
    parseMlmodel(text).then(setInfo, (e: Error) => setError(t('mlm.invalid', { error: e.message })));
  }, [text]);
  const modelPath = path.replace(/\/?MLmodel$/, '') || '.';
  const uri = `runs:/${run.info.runId}/${modelPath}`;
  const snippet = predictSnippet(uri);
  return (
    <div class="mlmodel">
      {error && <p role="alert">{error}</p>}
      {info && (
        <>
          <p>
            {t('version.flavors')}
            {info.flavors.map((f) => (
              <code key={f} class="badge">
                {f}
              </code>
            ))}
            {info.created && <span class="muted">{t('mlm.created', { time: info.created })}</span>}
          </p>
          <SpecTable kind="inputs" spec={info.inputs} />
          <SpecTable kind="outputs" spec={info.outputs} />
          {info.params && <SpecTable kind="params" spec={info.params} />}
        </>
      )}
      <section aria-labelledby="make-predictions" class="card">
        <div class="card-head">
          <h3 id="make-predictions">{t('version.predictions')}</h3>
          <CopyButton text={snippet} label={t('version.copyCode')} />
        </div>
        <p class="hint">{rich('mlm.paste', { df: <code>df</code> })}</p>
        <pre class="code">
          <code>{snippet}</code>
        </pre>
      </section>
      <div class="form-actions">
        <button type="button" class="primary" onClick={() => setRegistering(true)}>
          {t('mlm.register')}
        </button>
        <a href={predictHref(uri)}>{t('version.predictCsv')}</a>
        <DeployButton uri={uri} />
      </div>
      <p role="status">
        {registered &&
          rich('mlm.registered', {
            link: (
              <a href={versionHref(registered.name, registered.version)}>
                {t('version.title', { name: registered.name, version: registered.version })}
              </a>
            ),
          })}
      </p>
      {registering && (
        <PromptDialog
          title={t('mlm.register')}
          label={t('mlm.nameLabel')}
          submitLabel={t('mlm.registerShort')}
          initial=""
          suggestions={modelNames}
          onClose={() => setRegistering(false)}
          onSubmit={async (name) => setRegistered(await registerModel(uri, name))}
        />
      )}
      <details>
        <summary>{t('mlm.file')}</summary>
        <pre class="code">
          <code>{text}</code>
        </pre>
      </details>
    </div>
  );
}

const SPEC_TEXT = {
  inputs: ['spec.inputs', 'spec.noInputs'],
  outputs: ['spec.outputs', 'spec.noOutputs'],
  params: ['spec.params', 'spec.noParams'],
} as const;

export function SpecTable({ kind, spec }: { kind: keyof typeof SPEC_TEXT; spec: SpecColumn[] | null }) {
  const id = `signature-${kind}`;
  const [title, none] = SPEC_TEXT[kind];
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{t(title)}</h3>
      {!spec ? (
        <p class="muted">{t(none)}</p>
      ) : (
        <table class="kv">
          <thead>
            <tr>
              <th scope="col">{t('models.name')}</th>
              <th scope="col">{t('ds.type')}</th>
              <th scope="col">{t('spec.required')}</th>
            </tr>
          </thead>
          <tbody>
            {spec.map((c, i) => (
              <tr key={i}>
                <th scope="row" data-user-content="">
                  {c.name}
                </th>
                <td>{c.type}</td>
                <td>{c.required ? t('spec.yes') : t('spec.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
