// Previews of one artifact by kind: figures logged by mlflow.logFigure (drawn by the notebook's chart
// component), text (and code), JSON (pretty-printed), YAML, CSV (as a table),
// images (an SVG cleaned and shown from a data: URL, image-url.ts), HTML (in a sandboxed frame: no
// scripts, no same-origin access, and a CSP that allows no network) and MLflow's `MLmodel`. Everything
// else, and any file, can be downloaded (as an attachment, never opened as a page of this app).
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { Run } from '../../tracking/entities';
import { mlflow } from '../../tracking/default';
import { isChartFigure } from '../../tracking/figures';
import { ChartOutput } from '../notebook/outputs/chart-output';
import { baseName, saveBlob } from '../components/download';
import { formatBytes, previewKind } from './artifact-tree';
import { previewCSV } from '../../data/csv-preview';
import { MlmodelView } from './mlmodel-view';
import { useLive } from './use-live';
import { imagePreviewUrl } from './image-url';
import { t } from '../i18n/t';

/** Text previews read at most this much; the download has the rest. */
const TEXT_LIMIT = 1024 * 1024;

const HTML_CSP = "default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; font-src data:";

export function sandboxedHtml(html: string): string {
  return `<!doctype html><meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">${html}`;
}

export function ArtifactPreview({ run, path, size }: { run: Run; path: string; size: number }) {
  const runId = run.info.runId;
  const blob = useLive((c) => c.downloadArtifact(runId, path), [runId, path], {
    relevant: (m) => m.type === 'run-updated' && m.runId === runId,
    minInterval: 1000,
  });
  const [failure, setFailure] = useState<string | null>(null);
  const download = () => {
    setFailure(null);
    mlflow
      .client()
      .downloadArtifact(runId, path)
      .then(
        (b) => saveBlob(b, baseName(path)),
        (e: Error) => setFailure(e.message),
      );
  };
  const kind = previewKind(path, blob.status === 'ready' ? blob.value.type : '');
  return (
    <section aria-labelledby="artifact-path">
      <div class="card-head">
        <h2 id="artifact-path" class="path">
          {path}
        </h2>
        <span class="muted">{formatBytes(size)}</span>
        <button type="button" class="small" onClick={download} aria-label={t('art.downloadOf', { path })}>
          {t('art.download')}
        </button>
      </div>
      {failure && <p role="alert">{failure}</p>}
      {blob.status === 'loading' && <p aria-busy="true">{t('misc.loading')}</p>}
      {blob.status === 'error' && <p role="alert">{t('art.readFailed', { path, error: blob.error.message })}</p>}
      {blob.status === 'ready' && <Body kind={kind} blob={blob.value} run={run} path={path} />}
    </section>
  );
}

function Body({ kind, blob, run, path }: { kind: ReturnType<typeof previewKind>; blob: Blob; run: Run; path: string }) {
  if (kind === 'image') return <ImagePreview blob={blob} alt={t('art.image', { path })} />;
  if (kind === 'none')
    return <p class="muted">No preview for this file type ({blob.type || 'unknown'}). Download it to open it.</p>;
  return <TextBased kind={kind} blob={blob} run={run} path={path} />;
}

function TextBased({
  kind,
  blob,
  run,
  path,
}: {
  kind: ReturnType<typeof previewKind>;
  blob: Blob;
  run: Run;
  path: string;
}) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    blob
      .slice(0, TEXT_LIMIT)
      .text()
      .then((read) => live && setText(read));
    return () => {
      live = false;
    };
  }, [blob]);
  if (text === null) return <p aria-busy="true">{t('art.reading')}</p>;
  const truncated = blob.size > TEXT_LIMIT;
  const note = truncated ? (
    <p class="hint">{t('art.truncated', { shown: formatBytes(TEXT_LIMIT), size: formatBytes(blob.size) })}</p>
  ) : null;
  switch (kind) {
    case 'mlmodel':
      return <MlmodelView run={run} path={path} text={text} />;
    case 'chart':
      return <ChartPreview text={text} truncated={truncated} note={note} />;
    case 'json': {
      let pretty = text;
      try {
        pretty = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        // a truncated or malformed file: show it as it is
      }
      return (
        <>
          {note}
          <pre class="code" tabIndex={0}>
            <code>{pretty}</code>
          </pre>
        </>
      );
    }
    case 'csv': {
      const csv = previewCSV(text, 500);
      return (
        <>
          {note}
          <div class="table-scroll" tabIndex={0} role="region" aria-label={t('art.contents', { path })}>
            <table class="data">
              <thead>
                <tr>
                  {csv.header.map((h, i) => (
                    <th key={i} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {csv.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((c, j) => (
                      <td key={j}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {csv.truncated && <p class="hint">{t('art.firstRows', { count: csv.rows.length })}</p>}
        </>
      );
    }
    case 'html':
      return (
        <>
          {note}
          <iframe class="html-preview" title={t('art.html', { path })} sandbox="" srcdoc={sandboxedHtml(text)} />
        </>
      );
    default:
      return (
        <>
          {note}
          <pre class="code" tabIndex={0}>
            <code>{text}</code>
          </pre>
        </>
      );
  }
}

/** A chart spec drawn as the notebook draws it; parsed once per file, so a refresh does not redraw it. */
function ChartPreview({ text, truncated, note }: { text: string; truncated: boolean; note: ComponentChildren }) {
  const spec = useMemo(() => {
    if (truncated) return null;
    try {
      const parsed: unknown = JSON.parse(text);
      return isChartFigure(parsed) ? parsed : null;
    } catch {
      return null; // malformed: shown as text below
    }
  }, [text, truncated]);
  if (!spec)
    return (
      <>
        {note}
        <p class="hint">Not a chart spec this page can draw.</p>
        <pre class="code" tabIndex={0}>
          <code>{text}</code>
        </pre>
      </>
    );
  return (
    <>
      <ChartOutput spec={spec} />
      <details>
        <summary>{t('art.spec')}</summary>
        <pre class="code" tabIndex={0}>
          <code>{JSON.stringify(spec, null, 2)}</code>
        </pre>
      </details>
    </>
  );
}

function ImagePreview({ blob, alt }: { blob: Blob; alt: string }) {
  const [image, setImage] = useState<{ url: string } | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let release = () => {};
    imagePreviewUrl(blob).then(
      (found) => {
        if (!live) return found?.release();
        release = found?.release ?? release;
        setImage(found);
      },
      () => live && setImage(null),
    );
    return () => {
      live = false;
      release();
    };
  }, [blob]);
  if (image === undefined) return <p aria-busy="true">{t('art.reading')}</p>;
  if (image === null) return <p class="muted">{t('art.notImage')}</p>;
  return <img class="artifact-image" src={image.url} alt={alt} />;
}
