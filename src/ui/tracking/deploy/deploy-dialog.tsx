// "Deploy": the ways a logged or registered model leaves the browser — MLflow's scoring server through
// the `kiroku` command (with the model as a zip, or read from a tracking server), the Docker directory
// of `kiroku models generate-dockerfile`, and a web predictor: one JavaScript module with the model
// inside, plus a demo page, that run in any page or in Node with nothing installed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { mlflow } from '../../../tracking/default';
import { CopyButton } from '../../components/copy-button';
import { Dialog } from '../../components/dialog';
import { saveBlob } from '../../components/download';
import type { DownloadFile } from './deploy-files';
import { downloadBaseName, modelZipName } from './file-names';
import { t } from '../../i18n/t';
import { rich } from '../../i18n/rich';
import { locale } from '../../i18n/locale';
import './deploy.css';

/** A POSIX shell word: single-quoted unless it needs no quotes. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function serveCommand(uri: string, trackingUri: string): string {
  const server = /^https?:\/\//.test(trackingUri) ? `MLFLOW_TRACKING_URI=${shellWord(trackingUri)} ` : '';
  return `${server}npx kiroku models serve -m ${shellWord(uri)} --port 5001`;
}

export function DeployButton({ uri }: { uri: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // The dialog leaves the document as it closes, before the browser would give the focus back: give it
  // here, once it is gone (while it is open, the rest of the page is inert and cannot take the focus).
  useEffect(() => {
    if (open) wasOpen.current = true;
    else if (wasOpen.current) {
      wasOpen.current = false;
      button.current?.focus();
    }
  }, [open]);
  const close = () => setOpen(false);
  return (
    <>
      <button type="button" ref={button} onClick={() => setOpen(true)}>
        {t('deploy.button')}
      </button>
      {open && <DeployDialog uri={uri} onClose={close} />}
    </>
  );
}

function DeployDialog({ uri, onClose }: { uri: string; onClose: () => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const files = () => import('./deploy-files');
  const download = (what: string, make: () => Promise<DownloadFile[]>) => async () => {
    setBusy(what);
    setError(null);
    setDone('');
    try {
      const made = await make();
      for (const f of made) saveBlob(f.blob, f.name);
      setDone(
        t('deploy.downloaded', {
          files: new Intl.ListFormat(locale(), { type: 'conjunction' }).format(made.map((f) => f.name)),
        }),
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const serve = serveCommand(uri, mlflow.getTrackingUri());
  const serveZip = serveCommand(modelZipName(uri), '');
  return (
    <Dialog title={t('deploy.title', { uri })} onClose={onClose}>
      <div class="deploy">
        <section aria-labelledby="deploy-serve">
          <h3 id="deploy-serve">{t('deploy.serveHeading')}</h3>
          <p>{rich('deploy.serveText', { invocations: <code>POST /invocations</code> })}</p>
          <div class="deploy-command">
            <pre class="code">
              <code>{serve}</code>
            </pre>
            <CopyButton text={serve} label={t('deploy.copyServe')} />
          </div>
          <div class="deploy-command">
            <pre class="code">
              <code>{serveZip}</code>
            </pre>
            <CopyButton text={serveZip} label={t('deploy.copyServeZip')} />
          </div>
          <button
            type="button"
            disabled={!!busy}
            onClick={download('model', async () => [await (await files()).modelZip(uri)])}>
            {t('deploy.modelZip')}
          </button>
        </section>
        <section aria-labelledby="deploy-docker">
          <h3 id="deploy-docker">{t('deploy.dockerHeading')}</h3>
          <p>
            {rich('deploy.dockerText', {
              command: <code>kiroku models generate-dockerfile</code>,
              build: <code>docker build</code>,
              serve: <code>node server/kiroku.mjs models serve -m model</code>,
            })}
          </p>
          <button
            type="button"
            disabled={!!busy}
            onClick={download('docker', async () => [await (await files()).dockerDirectoryZip(uri)])}>
            {t('deploy.dockerZip')}
          </button>
        </section>
        <section aria-labelledby="deploy-web">
          <h3 id="deploy-web">{t('deploy.webHeading')}</h3>
          <p>
            {rich('deploy.webText', {
              import: <code>{`import { predict } from './${downloadBaseName(uri)}-predictor.mjs'`}</code>,
              call: <code>predict(records)</code>,
            })}
          </p>
          <button
            type="button"
            disabled={!!busy}
            onClick={download('predictor', async () => [(await (await files()).webPredictor(uri)).module])}>
            {t('deploy.webModule')}
          </button>
          <button
            type="button"
            disabled={!!busy}
            onClick={download('demo', async () => [(await (await files()).webPredictor(uri)).page])}>
            {t('deploy.webDemo')}
          </button>
        </section>
        <p role="status">{busy ? t('deploy.preparing') : done}</p>
        {error && (
          <p role="alert" class="form-error">
            {error}
          </p>
        )}
      </div>
      <div class="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
