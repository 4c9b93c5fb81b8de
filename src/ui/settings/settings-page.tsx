// `#/settings`: the storage this workspace uses and what a user does with all of it at once —
// keep it (persistent storage), take it elsewhere (export / import one .zip), or remove it (clear).
import { useEffect, useState } from 'preact/hooks';
import { formatBytes } from '../notebook/format-bytes';
import { ConfirmDialog } from '../components/dialog';
import { saveBlob } from '../components/download';
import { mlflow } from '../../tracking/default';
import {
  clearWorkspace, exportFileName, exportWorkspace, importWorkspace, requestPersistence, storageStatus,
  type ImportReport, type StorageStatus,
} from '../../workspace';
import { MlflowSection } from './mlflow-section';
import { useTask } from './use-task';
import { TrackingServerSection } from './tracking-server-section';
import { currentServer } from '../tracking-server';
import './settings.css';

export default function SettingsPage(_: { segments: string[]; query: URLSearchParams }) {
  return (
    <div class="settings">
      <h1>Settings</h1>
      <TrackingServerSection />
      <StorageSection />
      <WorkspaceSection />
      <MlflowSection />
    </div>
  );
}

function StorageSection() {
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
              <li>App saved for offline use: {formatBytes((status.details.caches ?? 0) + (status.details.serviceWorkerRegistrations ?? 0))}</li>
            </ul>
          )}
          <p>
            {status.persisted
              ? 'Storage is persistent: the browser will not delete your workspace to free space.'
              : 'Storage is best-effort: under disk pressure the browser may delete this site\'s data. Ask to keep it, and export the workspace now and then.'}
          </p>
          {!status.persisted && <button type="button" onClick={persist}>Keep data persistent</button>}
          {asked === false && <p role="status">The browser declined for now (it decides from how often you use the site); try again later, or install the app.</p>}
        </>
      )}
    </section>
  );
}

function WorkspaceSection() {
  const { busy, message, run } = useTask();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [blocked, setBlocked] = useState<string | null>(null);

  const doExport = () =>
    run('Exporting…', 'Export failed', async () => {
      await mlflow.flush();
      const { bytes, counts } = await exportWorkspace();
      saveBlob(new Blob([bytes as BlobPart], { type: 'application/zip' }), exportFileName());
      return `Exported ${counts.notebooks} notebooks, ${counts.files} files, ${counts.runs} runs (${counts.artifacts} artifacts) and ${counts.registeredModels} registered models (${formatBytes(bytes.byteLength)}).`;
    });

  const doImport = async (file: File | undefined) => {
    if (!file) return;
    setReport(null);
    await run(`Importing ${file.name}…`, 'Import failed', async () => {
      setReport(await importWorkspace(file));
      return `Imported ${file.name}.`;
    });
  };

  const doClear = async () => {
    await clearWorkspace({
      onBlocked: (db) => setBlocked(`Waiting for another Kiroku tab to let go of ${db}: close the other tabs to finish.`),
    });
    // Every view of this tab holds state from the deleted data: start afresh.
    location.reload();
  };

  return (
    <section aria-labelledby="workspace-h">
      <h2 id="workspace-h">Workspace</h2>
      <p>Your notebooks, files, runs (with their metric history and artifacts) and the model registry, as one <code>.zip</code> file.</p>
      {currentServer() && <p class="muted">These are the ones kept in this browser; the tracking server's runs are not part of it (“Export as MLflow” below takes those).</p>}
      <div class="settings-actions">
        <button type="button" onClick={doExport} disabled={!!busy}>Export workspace</button>
        <label class="file-button">
          Import workspace
          <input type="file" accept=".zip,application/zip" disabled={!!busy}
            onChange={(e) => { const input = e.currentTarget; void doImport(input.files?.[0]).then(() => (input.value = '')); }} />
        </label>
      </div>
      {busy && <p aria-busy="true">{busy}</p>}
      {message && <p role={message.kind}>{message.text}</p>}
      {blocked && <p role="alert">{blocked}</p>}
      {report && <ImportSummary report={report} />}

      <h3>Clear all data</h3>
      <p>Deletes every notebook, file, run, artifact and registered model in this browser. Export first if you may want them back.</p>
      <button type="button" class="danger" onClick={() => setConfirming(true)}>Clear all data…</button>
      {confirming && (
        <ConfirmDialog title="Clear all data?" confirmLabel="Delete everything" danger onConfirm={doClear} onClose={() => setConfirming(false)}>
          <p>This deletes all notebooks, files, runs, artifacts and registered models stored by Kiroku in this browser. It cannot be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function ImportSummary({ report }: { report: ImportReport }) {
  const rows: Array<[string, keyof Omit<ImportReport, 'remappedExperiments'>]> = [
    ['Notebooks', 'notebooks'], ['Files', 'files'], ['Experiments', 'experiments'], ['Runs', 'runs'],
    ['Registered models', 'registeredModels'], ['Model versions', 'modelVersions'],
  ];
  const remapped = Object.entries(report.remappedExperiments);
  return (
    <>
      <table class="import-summary" aria-label="Import summary">
        <thead><tr><th scope="col">Kind</th><th scope="col">Added</th><th scope="col">Updated</th><th scope="col">Already here</th></tr></thead>
        <tbody>
          {rows.map(([label, key]) => (
            <tr key={key}><th scope="row">{label}</th><td>{report[key].added}</td><td>{report[key].updated}</td><td>{report[key].skipped}</td></tr>
          ))}
        </tbody>
      </table>
      {remapped.length > 0 && (
        <p>Experiment ids taken here were renumbered: {remapped.map(([from, to]) => `${from} → ${to}`).join(', ')}.</p>
      )}
    </>
  );
}
