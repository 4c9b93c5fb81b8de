// Settings → Workspace: take everything elsewhere (export / import one .zip, on the workspace worker so
// the page stays responsive) or remove it (clear). An import's report names every file of the archive
// that was added, updated, already here, or rejected (and why).
import { useState } from 'preact/hooks';
import { formatBytes } from '../format';
import { ConfirmDialog } from '../components/dialog';
import { saveBlob } from '../components/download';
import { mlflow } from '../../tracking/default';
import { clearWorkspace, exportFileName, exportWorkspaceInWorker, importWorkspaceInWorker, type ImportReport } from '../../workspace';
import { useTask } from './use-task';
import { currentServer } from '../tracking-server';

export function WorkspaceSection() {
  const { busy, message, run } = useTask();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [blocked, setBlocked] = useState<string | null>(null);

  const doExport = () =>
    run('Exporting…', 'Export failed', async (progress) => {
      await mlflow.flush();
      const { blob, counts } = await exportWorkspaceInWorker({ onProgress: (runs) => progress(`Exporting… (${runs} runs)`) });
      saveBlob(blob, exportFileName());
      return `Exported ${counts.notebooks} notebooks, ${counts.files} files, ${counts.runs} runs (${counts.artifacts} artifacts) and ${counts.registeredModels} registered models (${formatBytes(blob.size)}).`;
    });

  const doImport = async (file: File | undefined) => {
    if (!file) return;
    setReport(null);
    await run(`Importing ${file.name}…`, 'Import failed', async (progress) => {
      const r = await importWorkspaceInWorker(file, { onProgress: (done, total) => progress(`Importing ${file.name}… (run ${done} of ${total})`) });
      setReport(r);
      const rejected = r.items.filter((i) => i.action === 'rejected').length;
      return `Imported ${file.name}${rejected ? `; ${rejected} item${rejected === 1 ? ' was' : 's were'} rejected (see below)` : ''}.`;
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

const ACTIONS = { added: 'added', updated: 'updated', skipped: 'already here', rejected: 'rejected' } as const;

function ImportSummary({ report }: { report: ImportReport }) {
  const rows: Array<[string, 'notebooks' | 'files' | 'experiments' | 'runs' | 'registeredModels' | 'modelVersions']> = [
    ['Notebooks', 'notebooks'], ['Files', 'files'], ['Experiments', 'experiments'], ['Runs', 'runs'],
    ['Registered models', 'registeredModels'], ['Model versions', 'modelVersions'],
  ];
  const remapped = Object.entries(report.remappedExperiments);
  const rejected = report.items.filter((i) => i.action === 'rejected');
  return (
    <>
      <table class="import-summary" aria-label="Import summary">
        <thead><tr><th scope="col">Kind</th><th scope="col">Added</th><th scope="col">Updated</th><th scope="col">Already here</th><th scope="col">Rejected</th></tr></thead>
        <tbody>
          {rows.map(([label, key]) => (
            <tr key={key}><th scope="row">{label}</th><td>{report[key].added}</td><td>{report[key].updated}</td><td>{report[key].skipped}</td><td>{report[key].rejected}</td></tr>
          ))}
        </tbody>
      </table>
      {remapped.length > 0 && (
        <p>Experiment ids taken here were renumbered: {remapped.map(([from, to]) => `${from} → ${to}`).join(', ')}.</p>
      )}
      {rejected.length > 0 && (
        <ul class="import-problems" aria-label="Rejected items">
          {rejected.map((i) => <li key={i.file + i.name}><code>{i.file}</code> ({i.name}): {i.reason}</li>)}
        </ul>
      )}
      {report.unnamedEntries.length > 0 && (
        <p>{report.unnamedEntries.length} entr{report.unnamedEntries.length === 1 ? 'y' : 'ies'} the archive's manifest does not name {report.unnamedEntries.length === 1 ? 'was' : 'were'} not read: {report.unnamedEntries.slice(0, 5).map((p) => `“${p}”`).join(', ')}{report.unnamedEntries.length > 5 ? ', …' : ''}.</p>
      )}
      <details>
        <summary>Every item ({report.items.length})</summary>
        <table class="import-items" aria-label="Imported items">
          <thead><tr><th scope="col">File</th><th scope="col">Item</th><th scope="col">Result</th></tr></thead>
          <tbody>{report.items.map((i) => <tr key={i.file + i.name}><td><code>{i.file}</code></td><td>{i.name}</td><td>{ACTIONS[i.action]}{i.reason && i.action === 'rejected' ? `: ${i.reason}` : ''}</td></tr>)}</tbody>
        </table>
      </details>
    </>
  );
}
