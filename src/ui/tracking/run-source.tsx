// The code that made the run: the notebook kernel logs the cell's source as the artifact
// `source/cell.ts` (or `.js`). Shown collapsed, as text, with a link to the cell when it is tagged.
import type { Run } from '../../tracking/entities';
import { cellHref } from './routes';
import { useLive } from './use-live';
import { t } from '../i18n/t';

const CANDIDATES = ['source/cell.ts', 'source/cell.js', 'source/cell.tsx', 'source/cell.jsx'];

export function RunSource({ run }: { run: Run }) {
  const runId = run.info.runId;
  const code = useLive(
    async (c) => {
      const files = new Set((await c.listArtifactFiles(runId, 'source')).map((f) => f.path));
      const path = CANDIDATES.find((p) => files.has(p));
      return path ? { path, text: await (await c.downloadArtifact(runId, path)).text() } : null;
    },
    [runId],
    { relevant: (m) => m.type === 'run-updated' && m.runId === runId, minInterval: 1000 },
  );
  if (code.status !== 'ready' || !code.value) return null;
  const cell = cellHref(run.data.tags);
  return (
    <section class="card" aria-labelledby="run-source">
      <div class="card-head">
        <h2 id="run-source">{t('run.sourceCode')}</h2>
        {cell && <a href={cell}>{t('run.openCell')}</a>}
      </div>
      <details>
        <summary>{t('run.lines', { path: code.value.path, count: code.value.text.split('\n').length })}</summary>
        <pre class="code" data-user-content="">
          <code>{code.value.text}</code>
        </pre>
      </details>
    </section>
  );
}
