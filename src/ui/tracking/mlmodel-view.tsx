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
    return { name: c.name != null ? String(c.name) : i === 0 && parsed.length === 1 ? '(unnamed)' : `(column ${i})`, type, required: c.required !== false };
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
      .then((models) => live && setModelNames(models.map((m) => m.name).sort()), () => undefined);
    return () => {
      live = false;
    };
  }, [registering]);
  useEffect(() => {
    parseMlmodel(text).then(setInfo, (e: Error) => setError(`This MLmodel file is not valid YAML: ${e.message}`));
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
            Flavors: {info.flavors.map((f) => <code key={f} class="badge">{f}</code>)}
            {info.created && <span class="muted"> · created {info.created}</span>}
          </p>
          <SpecTable title="Inputs" spec={info.inputs} />
          <SpecTable title="Outputs" spec={info.outputs} />
          {info.params && <SpecTable title="Inference parameters" spec={info.params} />}
        </>
      )}
      <section aria-labelledby="make-predictions" class="card">
        <div class="card-head">
          <h3 id="make-predictions">Make predictions</h3>
          <CopyButton text={snippet} label="Copy the prediction code" />
        </div>
        <p class="hint">Paste into a notebook cell; <code>df</code> is a DataFrame with the input columns above.</p>
        <pre class="code"><code>{snippet}</code></pre>
      </section>
      <div class="form-actions">
        <button type="button" class="primary" onClick={() => setRegistering(true)}>Register model</button>
        <a href={predictHref(uri)}>Predict on a CSV</a>
        <DeployButton uri={uri} />
      </div>
      <p role="status">
        {registered && <>Registered <a href={versionHref(registered.name, registered.version)}>{registered.name} version {registered.version}</a>.</>}
      </p>
      {registering && (
        <PromptDialog title="Register model" label="Registered model name (new or existing)" submitLabel="Register" initial=""
          suggestions={modelNames}
          onClose={() => setRegistering(false)}
          onSubmit={async (name) => setRegistered(await registerModel(uri, name))} />
      )}
      <details>
        <summary>MLmodel file</summary>
        <pre class="code"><code>{text}</code></pre>
      </details>
    </div>
  );
}

export function SpecTable({ title, spec }: { title: string; spec: SpecColumn[] | null }) {
  const id = `signature-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {!spec ? <p class="muted">No {title.toLowerCase()} in the signature.</p> : (
        <table class="kv">
          <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Required</th></tr></thead>
          <tbody>{spec.map((c, i) => <tr key={i}><th scope="row">{c.name}</th><td>{c.type}</td><td>{c.required ? 'yes' : 'no'}</td></tr>)}</tbody>
        </table>
      )}
    </section>
  );
}
