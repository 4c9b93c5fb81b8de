// Builds for benchmarks go to their own temp folders (never dist/): the app with the project's config,
// a bare one-file Vite page to compare against, or the app as another git ref (the baseline a change is
// measured against, `main` by default) checked out in a temporary worktree. KIROKU_DIST reuses an
// existing app build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The app built into a temp folder (with a Vite manifest; no source maps, they do not ship to users). */
export async function buildApp(): Promise<string> {
  const reuse = process.env.KIROKU_DIST;
  if (reuse && existsSync(join(reuse, '.vite', 'manifest.json'))) return reuse;
  const outDir = mkdtempSync(join(tmpdir(), 'kiroku-bench-app-'));
  await build({
    root: ROOT,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, manifest: true, sourcemap: false },
  });
  return outDir;
}

/** A bare Vite page whose script puts a heading and one editable textarea on the page: the floor for "editable". */
export async function buildBarePage(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'kiroku-bench-bare-'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>bare</title></head><body><div id="app"></div><script ' +
      'type="module" src="./main.js"></script></body></html>',
  );
  writeFileSync(
    join(root, 'main.js'),
    "const h = document.createElement('h1'); h.textContent = 'Bare Vite page'; const t = " +
      "document.createElement('textarea'); t.className = 'cell'; document.getElementById('app').append(h, t);\n",
  );
  const outDir = join(root, 'dist');
  await build({ root, configFile: false, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/**
 * Another ref of this repository (BENCH_BASELINE, default `main`) checked out in a temporary detached
 * worktree, for benchmarks that compare a change with the code it replaces in the same run. It shares
 * this checkout's node_modules when the two lockfiles agree, else installs its own (`npm ci`).
 * `dispose` removes the worktree.
 */
export function checkoutBaseline(ref = process.env.BENCH_BASELINE ?? 'main'): {
  root: string;
  ref: string;
  commit: string;
  dispose: () => void;
} {
  const root = join(mkdtempSync(join(tmpdir(), 'kiroku-bench-base-')), 'kiroku');
  execFileSync('git', ['worktree', 'add', '--detach', root, ref], { cwd: ROOT, stdio: 'ignore' });
  const lock = (dir: string) => readFileSync(join(dir, 'package-lock.json'), 'utf8');
  if (lock(root) === lock(ROOT)) symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  else execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: root, stdio: 'ignore' });
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const dispose = () => {
    execFileSync('git', ['worktree', 'remove', '--force', root], { cwd: ROOT, stdio: 'ignore' });
    rmSync(dirname(root), { recursive: true, force: true });
  };
  return { root, ref, commit, dispose };
}

/** The app at `root` (a baseline checkout) built into a temp folder with that checkout's own config. */
export async function buildAppAt(root: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'kiroku-bench-app-'));
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}
