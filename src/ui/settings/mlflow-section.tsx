// Exchange with MLflow as files: every run (with metric histories, artifacts and dataset inputs) and
// the registered models made from them, as an MLflow file store (`mlruns/`) in a zip that `mlflow ui`
// opens; and the other way, a zipped mlruns/ folder (Kiroku's or one MLflow wrote) into this browser.
import { useState } from 'preact/hooks';
import { saveBlob } from '../components/download';
import { useTask } from './use-task';
import { mlflow } from '../../tracking/default';
import { registryClient } from '../tracking/registry/registry';
import { currentServer } from '../tracking-server';
import type { MlrunsImportReport } from '../../interop/mlruns/import';

export function mlrunsFileName(time = Date.now()): string {
  return `kiroku-mlruns-${new Date(time).toISOString().slice(0, 10)}.zip`;
}

export function MlflowSection() {
  const { busy, message, run } = useTask();
  const [problems, setProblems] = useState<string[]>([]);
  const server = currentServer();

  const doExport = () => {
    setProblems([]);
    return run('Exporting…', 'Export failed', async (progress) => {
      await mlflow.flush();
      const { exportMlruns } = await import('../../interop/mlruns/export');
      const skipped: string[] = [];
      const bytes = await exportMlruns(mlflow.client(), {
        registry: await registryClient(),
        onProgress: (done, total) => progress(`Exporting… ${done} of ${total} runs`),
        onSkipped: (path) => skipped.push(path),
      });
      saveBlob(new Blob([bytes as BlobPart], { type: 'application/zip' }), mlrunsFileName());
      const left = skipped.length ? ` Left out ${skipped.length} entr${skipped.length === 1 ? 'y' : 'ies'} whose path would leave the folder: ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? ', …' : ''}.` : '';
      return `Exported. Unzip it and run “mlflow ui” in that folder.${left}`;
    });
  };

  const doImport = async (file: File | undefined) => {
    if (!file) return;
    setProblems([]);
    await run(`Importing ${file.name}…`, 'Import failed', async () => {
      const { importMlruns } = await import('../../interop/mlruns/import');
      const r = await importMlruns(mlflow.client(), await file.arrayBuffer(), { registry: await registryClient() });
      setProblems(r.problems);
      return summary(file.name, r);
    });
  };

  return (
    <section aria-labelledby="mlflow-h">
      <h2 id="mlflow-h">MLflow</h2>
      <p>
        Every run and the registered models made from them as an MLflow file store (<code>mlruns/</code>) in a
        <code> .zip</code>: unzip it and run <code>mlflow ui</code> there. Import reads such a zip back, or one
        made from a folder MLflow wrote. To send runs to a tracking server instead, select them under
        Experiments and choose “Sync to MLflow…”.
      </p>
      <div class="settings-actions">
        <button type="button" onClick={doExport} disabled={!!busy}>Export as MLflow</button>
        {/* Into a server, runs would get new ids and the archive's links between them would break. */}
        {!server && <label class="file-button">
          Import MLflow runs
          <input type="file" accept=".zip,application/zip" disabled={!!busy}
            onChange={(e) => { const input = e.currentTarget; void doImport(input.files?.[0]).then(() => (input.value = '')); }} />
        </label>}
      </div>
      {server && <p class="muted">Export takes the runs of the tracking server this page uses. Import works into this browser: switch back under Tracking server first.</p>}
      {busy && <p aria-busy="true">{busy}</p>}
      {message && <p role={message.kind}>{message.text}</p>}
      {problems.length > 0 && (
        <ul aria-label="Import problems">
          {problems.map((p, i) => <li key={i}>{p}</li>)}
        </ul>
      )}
    </section>
  );
}

function summary(name: string, r: MlrunsImportReport): string {
  const parts = [
    `${r.runsImported.length} run${r.runsImported.length === 1 ? '' : 's'} imported`,
    ...(r.runsSkipped.length ? [`${r.runsSkipped.length} already here`] : []),
    ...(r.experimentsCreated.length ? [`${r.experimentsCreated.length} experiment${r.experimentsCreated.length === 1 ? '' : 's'} created`] : []),
    ...(r.modelVersionsImported.length ? [`${r.modelVersionsImported.length} model version${r.modelVersionsImported.length === 1 ? '' : 's'} registered`] : []),
  ];
  return `From ${name}: ${parts.join(', ')}.`;
}
