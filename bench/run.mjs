// `npm run bench`: runs every bench/*.bench.ts (Node) and bench/browser/*.bench.ts (Chromium, through
// bench/browser-runner.ts) in turn; each prints JSON lines, one per figure.
import { readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
let failed = 0;
for (const f of files) {
  if (only.length && !only.some((o) => f.includes(o))) continue;
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, f)], {
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC' },
  });
  if (r.status !== 0) {
    failed++;
    console.error(`bench ${f} exited with ${r.status}`);
  }
}
if (existsSync(join(here, 'browser'))) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'browser-runner.ts'), ...only], {
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC' },
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
