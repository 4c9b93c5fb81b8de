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
      <button type="button" ref={button} onClick={() => setOpen(true)}>Deploy</button>
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
      setDone(`Downloaded ${made.map((f) => f.name).join(' and ')}.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const serve = serveCommand(uri, mlflow.getTrackingUri());
  const serveZip = serveCommand(modelZipName(uri), '');
  return (
    <Dialog title={`Deploy ${uri}`} onClose={onClose}>
      <div class="deploy">
        <section aria-labelledby="deploy-serve">
          <h3 id="deploy-serve">Serve over REST</h3>
          <p>MLflow's scoring server (<code>POST /invocations</code>), from Node 20 with Kiroku's command. It reads the model from a tracking server, or from the model's zip:</p>
          <div class="deploy-command"><pre class="code"><code>{serve}</code></pre><CopyButton text={serve} label="Copy the serve command" /></div>
          <div class="deploy-command"><pre class="code"><code>{serveZip}</code></pre><CopyButton text={serveZip} label="Copy the serve command for the zip" /></div>
          <button type="button" disabled={!!busy} onClick={download('model', async () => [await (await files()).modelZip(uri)])}>Download model (.zip)</button>
        </section>
        <section aria-labelledby="deploy-docker">
          <h3 id="deploy-docker">Docker</h3>
          <p>The directory <code>kiroku models generate-dockerfile</code> writes: <code>docker build</code> it, or run <code>node server/kiroku.mjs models serve -m model</code> in it.</p>
          <button type="button" disabled={!!busy} onClick={download('docker', async () => [await (await files()).dockerDirectoryZip(uri)])}>Download Dockerfile directory (.zip)</button>
        </section>
        <section aria-labelledby="deploy-web">
          <h3 id="deploy-web">Web predictor</h3>
          <p>One JavaScript module with the model inside, for any web page or Node, nothing to install: <code>{`import { predict } from './${downloadBaseName(uri)}-predictor.mjs'`}</code>, then <code>predict(records)</code>. The demo page predicts on a CSV you drop on it.</p>
          <button type="button" disabled={!!busy} onClick={download('predictor', async () => [(await (await files()).webPredictor(uri)).module])}>Download web predictor (.mjs)</button>
          <button type="button" disabled={!!busy} onClick={download('demo', async () => [(await (await files()).webPredictor(uri)).page])}>Download demo page (.html)</button>
        </section>
        <p role="status">{busy ? 'Preparing the download…' : done}</p>
        {error && <p role="alert" class="form-error">{error}</p>}
      </div>
      <div class="dialog-actions">
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </Dialog>
  );
}
