// Settings → Workspace: take everything elsewhere (export / import one .zip, on the workspace worker so
// the page stays responsive) or remove it (clear). An import's report names every file of the archive
// that was added, updated, already here, or rejected (and why).
import { useState } from 'preact/hooks';
import { formatBytes } from '../format';
import { ConfirmDialog } from '../components/dialog';
import { saveBlob } from '../components/download';
import { mlflow } from '../../tracking/default';
import {
  clearWorkspace,
  exportFileName,
  exportWorkspaceInWorker,
  importWorkspaceInWorker,
  type ImportReport,
} from '../../workspace';
import { useTask } from './use-task';
import { currentServer } from '../tracking-server';
import { t, type MessageKey } from '../i18n/t';
import { rich } from '../i18n/rich';

export function WorkspaceSection() {
  const { busy, message, run } = useTask();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [blocked, setBlocked] = useState<string | null>(null);

  const doExport = () =>
    run(t('ws.exporting'), t('ws.exportFailed'), async (progress) => {
      await mlflow.flush();
      const { blob, counts } = await exportWorkspaceInWorker({
        onProgress: (runs) => progress(t('ws.exportingRuns', { runs })),
      });
      saveBlob(blob, exportFileName());
      return t('ws.exported', {
        notebooks: counts.notebooks,
        files: counts.files,
        runs: counts.runs,
        artifacts: counts.artifacts,
        models: counts.registeredModels,
        size: formatBytes(blob.size),
      });
    });

  const doImport = async (file: File | undefined) => {
    if (!file) return;
    setReport(null);
    await run(t('ws.importing', { name: file.name }), t('ws.importFailed'), async (progress) => {
      const r = await importWorkspaceInWorker(file, {
        onProgress: (done, total) => progress(t('ws.importingRun', { name: file.name, done, total })),
      });
      setReport(r);
      const rejected = r.items.filter((i) => i.action === 'rejected').length;
      return rejected
        ? t('ws.importedRejected', { name: file.name, count: rejected })
        : t('ws.imported', { name: file.name });
    });
  };

  const doClear = async () => {
    await clearWorkspace({
      onBlocked: (db) => setBlocked(t('ws.blocked', { db })),
    });
    // Every view of this tab holds state from the deleted data: start afresh.
    location.reload();
  };

  return (
    <section aria-labelledby="workspace-h">
      <h2 id="workspace-h">{t('ws.title')}</h2>
      <p>{rich('ws.explain', { zip: <code>.zip</code> })}</p>
      {currentServer() && <p class="muted">{t('ws.onServer')}</p>}
      <div class="settings-actions">
        <button type="button" onClick={doExport} disabled={!!busy}>
          {t('ws.export')}
        </button>
        <label class="file-button">
          {t('ws.import')}
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
      </div>
      {busy && <p aria-busy="true">{busy}</p>}
      {message && <p role={message.kind}>{message.text}</p>}
      {blocked && <p role="alert">{blocked}</p>}
      {report && <ImportSummary report={report} />}

      <h3>{t('ws.clearTitle')}</h3>
      <p>{t('ws.clearExplain')}</p>
      <button type="button" class="danger" onClick={() => setConfirming(true)}>
        {t('ws.clear')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t('ws.clearAsk')}
          confirmLabel={t('ws.clearConfirm')}
          danger
          onConfirm={doClear}
          onClose={() => setConfirming(false)}>
          <p>{t('ws.clearText')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

const ACTIONS = { added: 'ws.added', updated: 'ws.updated', skipped: 'ws.skipped', rejected: 'ws.rejected' } as const;

function ImportSummary({ report }: { report: ImportReport }) {
  const rows: Array<
    [MessageKey, 'notebooks' | 'files' | 'experiments' | 'runs' | 'registeredModels' | 'modelVersions']
  > = [
    ['ws.kNotebooks', 'notebooks'],
    ['ws.kFiles', 'files'],
    ['ws.kExperiments', 'experiments'],
    ['ws.kRuns', 'runs'],
    ['ws.kModels', 'registeredModels'],
    ['ws.kVersions', 'modelVersions'],
  ];
  const remapped = Object.entries(report.remappedExperiments);
  const rejected = report.items.filter((i) => i.action === 'rejected');
  return (
    <>
      <table class="import-summary" aria-label={t('ws.summary')}>
        <thead>
          <tr>
            <th scope="col">{t('ws.kind')}</th>
            <th scope="col">{t('ws.hAdded')}</th>
            <th scope="col">{t('ws.hUpdated')}</th>
            <th scope="col">{t('ws.hSkipped')}</th>
            <th scope="col">{t('ws.hRejected')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, key]) => (
            <tr key={key}>
              <th scope="row">{t(label)}</th>
              <td>{report[key].added}</td>
              <td>{report[key].updated}</td>
              <td>{report[key].skipped}</td>
              <td>{report[key].rejected}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {remapped.length > 0 && (
        <p>{t('ws.remapped', { list: remapped.map(([from, to]) => `${from} → ${to}`).join(', ') })}</p>
      )}
      {rejected.length > 0 && (
        <ul class="import-problems" aria-label={t('ws.rejectedItems')}>
          {rejected.map((i) => (
            <li key={i.file + i.name}>
              <code>{i.file}</code> ({i.name}): {i.reason}
            </li>
          ))}
        </ul>
      )}
      {report.unnamedEntries.length > 0 && (
        <p>
          {t('ws.unnamed', {
            count: report.unnamedEntries.length,
            list:
              report.unnamedEntries
                .slice(0, 5)
                .map((p) => `“${p}”`)
                .join(', ') + (report.unnamedEntries.length > 5 ? ', …' : ''),
          })}
        </p>
      )}
      <details>
        <summary>{t('ws.every', { count: report.items.length })}</summary>
        <table class="import-items" aria-label={t('ws.items')}>
          <thead>
            <tr>
              <th scope="col">{t('ws.file')}</th>
              <th scope="col">{t('ws.item')}</th>
              <th scope="col">{t('ws.result')}</th>
            </tr>
          </thead>
          <tbody>
            {report.items.map((i) => (
              <tr key={i.file + i.name}>
                <td>
                  <code>{i.file}</code>
                </td>
                <td>{i.name}</td>
                <td>
                  {t(ACTIONS[i.action])}
                  {i.reason && i.action === 'rejected' ? `: ${i.reason}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
