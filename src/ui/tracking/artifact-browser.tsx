// A run's artifacts: a folder tree beside a preview of the chosen file. The chosen path is in the URL
// (`…/artifacts?path=model/MLmodel`), so a link opens the same file; folders on the way are opened.
// With no path chosen, a logged model's MLmodel is shown first (what a user comes here for), else the
// first file.
import { useState } from 'preact/hooks';
import type { Run } from '../../tracking/entities';
import { mlflow } from '../../tracking/default';
import { ConfirmDialog } from '../components/dialog';
import { ArtifactPreview } from './artifact-preview';
import { ancestorsOf, buildArtifactTree, formatBytes, modelDirs, type ArtifactNode } from './artifact-tree';
import { runHref } from './routes';
import { useLive } from './use-live';
import { t } from '../i18n/t';
import { rich } from '../i18n/rich';

export function ArtifactBrowser({ run, path }: { run: Run; path: string | null }) {
  const runId = run.info.runId;
  const files = useLive((c) => c.listArtifactFiles(runId), [runId], {
    relevant: (m) => m.type === 'run-updated' && m.runId === runId,
    minInterval: 500,
  });
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(path ? ancestorsOf(path) : []));
  const [deleting, setDeleting] = useState<string | null>(null);

  if (files.status === 'loading') return <p aria-busy="true">{t('art.loading')}</p>;
  if (files.status === 'error') return <p role="alert">{t('art.listFailed', { error: files.error.message })}</p>;
  if (!files.value.length)
    return (
      <p class="muted">
        {rich('art.none', {
          text: <code>mlflow.logText</code>,
          dict: <code>mlflow.logDict</code>,
          artifact: <code>mlflow.logArtifact</code>,
        })}
      </p>
    );

  const tree = buildArtifactTree(files.value);
  const models = modelDirs(files.value);
  const chosen = path && files.value.some((f) => f.path === path) ? path : null;
  const shown = chosen ?? (models.length ? `${models[0] ? models[0] + '/' : ''}MLmodel` : firstFile(tree));
  const openDirs = new Set([...open, ...ancestorsOf(shown ?? '')]);
  const toggle = (dir: string) => {
    const next = new Set(openDirs);
    if (!next.delete(dir)) next.add(dir);
    setOpen(next);
  };

  return (
    <div class="artifacts">
      <nav class="artifact-tree" aria-label={t('art.files')}>
        <Tree nodes={tree} run={run} openDirs={openDirs} toggle={toggle} current={shown} />
      </nav>
      <div class="artifact-preview">
        {path && !chosen && <p role="alert">{t('art.missing', { path })}</p>}
        {shown && (
          <div class="artifact-actions">
            <button type="button" class="danger" onClick={() => setDeleting(shown)}>
              {t('art.delete', { name: shown.split('/').pop() ?? shown })}
            </button>
          </div>
        )}
        {shown && (
          <ArtifactPreview
            key={shown}
            run={run}
            path={shown}
            size={files.value.find((f) => f.path === shown)?.size ?? 0}
          />
        )}
      </div>
      {deleting && (
        // Frees the file's space for good (a delete, which a full disk still allows).
        <ConfirmDialog
          title={t('art.deleteTitle')}
          confirmLabel={t('common.delete')}
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await mlflow.client().deleteArtifacts(runId, deleting);
            location.hash = runHref(run.info.experimentId, runId, 'artifacts').replace(/^#/, '');
          }}>
          <p>
            {rich('art.deleteText', {
              path: <code>{deleting}</code>,
              size: formatBytes(files.value.find((f) => f.path === deleting)?.size ?? 0),
            })}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function firstFile(nodes: ArtifactNode[]): string | null {
  for (const n of nodes) {
    if (!n.isDir) return n.path;
    const inner = firstFile(n.children);
    if (inner) return inner;
  }
  return null;
}

function Tree({
  nodes,
  run,
  openDirs,
  toggle,
  current,
}: {
  nodes: ArtifactNode[];
  run: Run;
  openDirs: ReadonlySet<string>;
  toggle: (p: string) => void;
  current: string | null;
}) {
  return (
    <ul>
      {nodes.map((n) => (
        <li key={n.path}>
          {n.isDir ? (
            <>
              <button
                type="button"
                class="tree-dir"
                aria-expanded={openDirs.has(n.path)}
                onClick={() => toggle(n.path)}>
                <span aria-hidden="true">{openDirs.has(n.path) ? '▾' : '▸'} </span>
                {n.name}/
              </button>
              {openDirs.has(n.path) && (
                <Tree nodes={n.children} run={run} openDirs={openDirs} toggle={toggle} current={current} />
              )}
            </>
          ) : (
            <a
              href={runHref(run.info.experimentId, run.info.runId, 'artifacts', { path: n.path })}
              aria-current={n.path === current ? 'page' : undefined}>
              {n.name} <span class="muted size">{formatBytes(n.size)}</span>
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
