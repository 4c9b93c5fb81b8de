// Settings → Storage: how much this site uses of what the browser allows, what uses it (run by run:
// files and metric history; the Files panel's files), and the ways to free it — MLflow's `gc`
// ("Permanently delete deleted runs", with confirmation) here, artifact deletion on a run's Artifacts
// tab. Both only delete, which a full disk still allows.
import { useEffect, useState } from 'preact/hooks';
import { formatBytes } from '../format';
import { ConfirmDialog } from '../components/dialog';
import { mlflow } from '../../tracking/default';
import { purgeDeletedRuns, runUsage, type RunUsage } from '../../tracking/gc';
import { requestPersistence, storageStatus, type StorageStatus } from '../../workspace';
import { connectFiles } from '../notebook/files-api';
import { runHref } from '../tracking/routes';
import { currentServer } from '../tracking-server';
import { OfflineLine } from './offline-line';

const runBytes = (u: RunUsage) => u.artifactBytes + 24 * u.metricPoints;

export function StorageSection() {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const [asked, setAsked] = useState<boolean | null>(null);
  const refresh = () => void storageStatus().then(setStatus);
  // Logging in another tab or the kernel, an import: usage changes while this page is open.
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, 5000);
    return () => clearInterval(timer);
  }, []);
  const persist = async () => {
    setAsked(await requestPersistence());
    refresh();
  };
  const share = status?.usage != null && status.quota ? status.usage / status.quota : null;
  return (
    <section aria-labelledby="storage-h">
      <h2 id="storage-h">Storage</h2>
      {!status ? <p aria-busy="true">Measuring…</p> : (
        <>
          <p data-testid="storage-usage">
            {status.usage != null && status.quota != null
              ? <>Using <strong>{formatBytes(status.usage)}</strong> of <strong>{formatBytes(status.quota)}</strong> available to this site{share !== null && ` (${(share * 100).toFixed(share < 0.01 ? 2 : 0)}%)`}.</>
              : 'This browser does not say how much storage is used.'}
          </p>
          {share !== null && <meter min={0} max={1} value={share} aria-label="Storage used" />}
          {Object.keys(status.details).length > 0 && (
            // Chromium lists only the kinds of storage in use; a missing one is empty.
            <ul class="storage-details">
              <li>Workspace (IndexedDB): {formatBytes(status.details.indexedDB ?? 0)}</li>
            </ul>
          )}
          <p data-testid="offline-state"><OfflineLine status={status} /></p>
          <p>
            {status.persisted
              ? 'Storage is persistent: the browser will not delete your workspace to free space.'
              : 'Storage is best-effort: under disk pressure the browser may delete this site\'s data. Ask to keep it, and export the workspace now and then.'}
          </p>
          {!status.persisted && <button type="button" onClick={persist}>Keep data persistent</button>}
          {asked === false && <p role="status">The browser declined for now (it decides from how often you use the site); try again later, or install the app.</p>}
        </>
      )}
      {currentServer()
        ? <p class="muted">Runs are on the tracking server; their space is the server's (run <code>mlflow gc</code> there).</p>
        : <SpaceUsers onFreed={refresh} />}
    </section>
  );
}

/** What uses the space, largest first, and MLflow's gc for the deleted runs. */
function SpaceUsers({ onFreed }: { onFreed: () => void }) {
  const [usage, setUsage] = useState<RunUsage[] | null>(null);
  const [filesBytes, setFilesBytes] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [freed, setFreed] = useState<string | null>(null);
  const load = () => {
    void runUsage(mlflow.client()).then(setUsage).catch(() => setUsage([]));
    void connectFiles().then((f) => f.list()).then((l) => setFilesBytes(l.reduce((s, f) => s + f.size, 0))).catch(() => setFilesBytes(null));
  };
  useEffect(load, []);
  if (!usage) return <p aria-busy="true">Measuring what uses the space…</p>;
  const deleted = usage.filter((u) => u.deleted);
  const deletedBytes = deleted.reduce((s, u) => s + runBytes(u), 0);
  const total = usage.reduce((s, u) => s + runBytes(u), 0);
  const purge = async () => {
    const result = await purgeDeletedRuns(mlflow.client());
    setFreed(`Permanently deleted ${result.runs.length} run${result.runs.length === 1 ? '' : 's'}, freeing about ${formatBytes(result.bytes)}.`);
    load();
    onFreed();
  };
  return (
    <>
      <h3>What uses the space</h3>
      <p>
        Runs: <strong>{formatBytes(total)}</strong> in {usage.length} run{usage.length === 1 ? '' : 's'} (artifacts and metric history)
        {filesBytes !== null && <>; files in the Files panel: <strong>{formatBytes(filesBytes)}</strong></>}.
      </p>
      {usage.length > 0 && (
        <table class="import-summary" aria-label="Largest runs">
          <thead><tr><th scope="col">Run</th><th scope="col">Artifacts</th><th scope="col">Metric history</th><th scope="col">Total</th></tr></thead>
          <tbody>
            {usage.slice(0, 10).map((u) => (
              <tr key={u.run.info.runId}>
                <th scope="row"><a href={runHref(u.run.info.experimentId, u.run.info.runId, 'artifacts')}>{u.run.info.runName}</a>{u.deleted && <span class="muted"> (deleted)</span>}</th>
                <td>{formatBytes(u.artifactBytes)} ({u.artifactFiles} files)</td>
                <td>{formatBytes(24 * u.metricPoints)}</td>
                <td>{formatBytes(runBytes(u))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {deleted.length
          ? <>Deleted runs keep their space until they are deleted for good: {deleted.length} deleted run{deleted.length === 1 ? '' : 's'} hold {formatBytes(deletedBytes)}.</>
          : 'No deleted runs hold space. Delete runs in an experiment\'s run list, or delete large artifacts on a run\'s Artifacts tab.'}
      </p>
      <button type="button" class="danger" disabled={!deleted.length} onClick={() => setConfirming(true)}>Permanently delete deleted runs…</button>
      {freed && <p role="status">{freed}</p>}
      {confirming && (
        <ConfirmDialog title="Permanently delete deleted runs?" confirmLabel="Delete for good" danger onConfirm={purge} onClose={() => setConfirming(false)}>
          <p>
            This deletes {deleted.length} deleted run{deleted.length === 1 ? '' : 's'} for good, with their metric history, artifacts and logged models
            ({formatBytes(deletedBytes)}), as <code>mlflow gc</code> does. They cannot be restored afterwards; registered model versions made from them will no longer load.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
