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
import { t } from '../i18n/t';
import { rich } from '../i18n/rich';

export function mlrunsFileName(time = Date.now()): string {
  return `kiroku-mlruns-${new Date(time).toISOString().slice(0, 10)}.zip`;
}

export function MlflowSection() {
  const { busy, message, run } = useTask();
  const [problems, setProblems] = useState<string[]>([]);
  const server = currentServer();

  const doExport = () => {
    setProblems([]);
    return run(t('ws.exporting'), t('ws.exportFailed'), async (progress) => {
      await mlflow.flush();
      const { exportMlruns } = await import('../../interop/mlruns/export');
      const skipped: string[] = [];
      const bytes = await exportMlruns(mlflow.client(), {
        registry: await registryClient(),
        onProgress: (done, total) => progress(t('ml.exportingRuns', { done, total })),
        onSkipped: (path) => skipped.push(path),
      });
      saveBlob(new Blob([bytes as BlobPart], { type: 'application/zip' }), mlrunsFileName());
      const left = skipped.length
        ? t('ml.leftOut', {
            count: skipped.length,
            list: skipped.slice(0, 3).join(', ') + (skipped.length > 3 ? ', …' : ''),
          })
        : '';
      return t('ml.exported', { left });
    });
  };

  const doImport = async (file: File | undefined) => {
    if (!file) return;
    setProblems([]);
    await run(t('ws.importing', { name: file.name }), t('ws.importFailed'), async () => {
      const { importMlruns } = await import('../../interop/mlruns/import');
      const r = await importMlruns(mlflow.client(), await file.arrayBuffer(), { registry: await registryClient() });
      setProblems(r.problems);
      return summary(file.name, r);
    });
  };

  return (
    <section aria-labelledby="mlflow-h">
      <h2 id="mlflow-h">MLflow</h2>
      <p>{rich('ml.explain', { mlruns: <code>mlruns/</code>, zip: <code>.zip</code>, ui: <code>mlflow ui</code> })}</p>
      <div class="settings-actions">
        <button type="button" onClick={doExport} disabled={!!busy}>
          {t('ml.export')}
        </button>
        {/* Into a server, runs would get new ids and the archive's links between them would break. */}
        {!server && (
          <label class="file-button">
            {t('ml.import')}
            <input
              type="file"
              accept=".zip,application/zip"
              disabled={!!busy}
              onChange={(e) => {
                const input = e.currentTarget;
                void doImport(input.files?.[0]).then(() => (input.value = ''));
              }}
            />
          </label>
        )}
      </div>
      {server && <p class="muted">{t('ml.onServer')}</p>}
      {busy && <p aria-busy="true">{busy}</p>}
      {message && <p role={message.kind}>{message.text}</p>}
      {problems.length > 0 && (
        <ul aria-label={t('ml.problems')}>
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function summary(name: string, r: MlrunsImportReport): string {
  const parts = [
    t('ml.runsImported', { count: r.runsImported.length }),
    ...(r.runsSkipped.length ? [t('ml.already', { count: r.runsSkipped.length })] : []),
    ...(r.experimentsCreated.length ? [t('ml.expsCreated', { count: r.experimentsCreated.length })] : []),
    ...(r.modelVersionsImported.length ? [t('ml.versions', { count: r.modelVersionsImported.length })] : []),
  ];
  return t('ml.summary', { name, parts: parts.join(t('ml.sep')) });
}
