// Settings → Storage: how much this site uses of what the browser allows, what uses it (run by run:
// files and metric history; the Files panel's files), and the ways to free it — MLflow's `gc`
// ("Permanently delete deleted runs", with confirmation) here, artifact deletion on a run's Artifacts
// tab. Both only delete, which a full disk still allows.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { formatBytes, formatPercent } from '../format';
import { ConfirmDialog } from '../components/dialog';
import { mlflow } from '../../tracking/default';
import { purgeDeletedRuns, runUsage, type RunUsage } from '../../tracking/gc';
import { requestPersistence, storageStatus, type StorageStatus } from '../../workspace';
import { connectFiles } from '../notebook/files-api';
import { runHref } from '../tracking/routes';
import { currentServer } from '../tracking-server';
import { OfflineLine } from './offline-line';
import { t } from '../i18n/t';
import { rich } from '../i18n/rich';

const runBytes = (u: RunUsage) => u.artifactBytes + 24 * u.metricPoints;

export function StorageSection() {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const [asked, setAsked] = useState<boolean | null>(null);
  const refresh = useCallback(() => void storageStatus().then(setStatus), []);
  // Logging in another tab or the kernel, an import: usage changes while this page is open.
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, 5000);
    return () => clearInterval(timer);
  }, [refresh]);
  const persist = async () => {
    setAsked(await requestPersistence());
    refresh();
  };
  const share = status?.usage != null && status.quota ? status.usage / status.quota : null;
  return (
    <section aria-labelledby="storage-h">
      <h2 id="storage-h">{t('st.title')}</h2>
      {!status ? (
        <p aria-busy="true">{t('st.measuring')}</p>
      ) : (
        <>
          <p data-testid="storage-usage">
            {status.usage != null && status.quota != null
              ? rich('st.using', {
                  usage: <strong>{formatBytes(status.usage)}</strong>,
                  quota: <strong>{formatBytes(status.quota)}</strong>,
                  share: share !== null ? ` (${formatPercent(share)})` : '',
                })
              : t('st.unknown')}
          </p>
          {share !== null && <meter min={0} max={1} value={share} aria-label={t('st.used')} />}
          {Object.keys(status.details).length > 0 && (
            // Chromium lists only the kinds of storage in use; a missing one is empty.
            <ul class="storage-details">
              <li>{t('st.idb', { size: formatBytes(status.details.indexedDB ?? 0) })}</li>
            </ul>
          )}
          <p data-testid="offline-state">
            <OfflineLine status={status} />
          </p>
          <p>{status.persisted ? t('st.persisted') : t('st.bestEffort')}</p>
          {!status.persisted && (
            <button type="button" onClick={persist}>
              {t('st.persist')}
            </button>
          )}
          {asked === false && <p role="status">{t('st.declined')}</p>}
        </>
      )}
      {currentServer() ? (
        <p class="muted">{rich('st.onServer', { gc: <code>mlflow gc</code> })}</p>
      ) : (
        <SpaceUsers onFreed={refresh} />
      )}
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
    void runUsage(mlflow.client())
      .then(setUsage)
      .catch(() => setUsage([]));
    void connectFiles()
      .then((f) => f.list())
      .then((l) => setFilesBytes(l.reduce((s, f) => s + f.size, 0)))
      .catch(() => setFilesBytes(null));
  };
  useEffect(load, []);
  if (!usage) return <p aria-busy="true">{t('st.measuringUsers')}</p>;
  const deleted = usage.filter((u) => u.deleted);
  const deletedBytes = deleted.reduce((s, u) => s + runBytes(u), 0);
  const total = usage.reduce((s, u) => s + runBytes(u), 0);
  const purge = async () => {
    const result = await purgeDeletedRuns(mlflow.client());
    setFreed(t('st.freed', { count: result.runs.length, size: formatBytes(result.bytes) }));
    load();
    onFreed();
  };
  return (
    <>
      <h3>{t('st.users')}</h3>
      <p>
        {rich('st.runs', { size: <strong>{formatBytes(total)}</strong>, count: usage.length })}
        {filesBytes !== null && rich('st.files', { size: <strong>{formatBytes(filesBytes)}</strong> })}.
      </p>
      {usage.length > 0 && (
        <table class="import-summary" aria-label={t('st.largest')}>
          <thead>
            <tr>
              <th scope="col">{t('st.run')}</th>
              <th scope="col">{t('st.artifacts')}</th>
              <th scope="col">{t('st.history')}</th>
              <th scope="col">{t('st.total')}</th>
            </tr>
          </thead>
          <tbody>
            {usage.slice(0, 10).map((u) => (
              <tr key={u.run.info.runId}>
                <th scope="row">
                  <a href={runHref(u.run.info.experimentId, u.run.info.runId, 'artifacts')}>{u.run.info.runName}</a>
                  {u.deleted && <span class="muted">{t('st.deletedMark')}</span>}
                </th>
                <td>
                  {formatBytes(u.artifactBytes)} ({t('st.nFiles', { count: u.artifactFiles })})
                </td>
                <td>{formatBytes(24 * u.metricPoints)}</td>
                <td>{formatBytes(runBytes(u))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {deleted.length
          ? t('st.deletedHold', { count: deleted.length, size: formatBytes(deletedBytes) })
          : t('st.noDeleted')}
      </p>
      <button type="button" class="danger" disabled={!deleted.length} onClick={() => setConfirming(true)}>
        {t('st.purge')}
      </button>
      {freed && <p role="status">{freed}</p>}
      {confirming && (
        <ConfirmDialog
          title={t('st.purgeAsk')}
          confirmLabel={t('st.purgeConfirm')}
          danger
          onConfirm={purge}
          onClose={() => setConfirming(false)}>
          <p>
            {rich('st.purgeText', {
              count: deleted.length,
              size: formatBytes(deletedBytes),
              gc: <code>mlflow gc</code>,
            })}
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
