// scikit-learn beside Kiroku in the same run: Debian's /usr/bin/python3 times a script on the same data,
// handed over as raw float64 files (column-major X, then the other arrays), so both sides fit the very
// same numbers. Benchmarks interleave their rounds with Kiroku's, so a busy machine slows both alike.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PYTHON = '/usr/bin/python3';

export function sklearnAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0;
}

/** Arrays written back to back into one float64 file in a temp folder; removed by `dispose`. */
export function writeFloat64(arrays: ArrayLike<number>[]): { path: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kiroku-bench-'));
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const all = new Float64Array(total);
  let at = 0;
  for (const a of arrays) {
    all.set(a, at);
    at += a.length;
  }
  const path = join(dir, 'data.f64');
  writeFileSync(path, new Uint8Array(all.buffer));
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run a Python script with arguments; its last stdout line is JSON. */
export function runPython<T>(script: string, args: (string | number)[]): T {
  const r = spawnSync(PYTHON, ['-c', script, ...args.map(String)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as T;
}

/** Median, minimum and maximum of timings (the spread shows how noisy the machine was). */
export function stats(xs: number[]): { median: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { median: r(s[Math.floor(s.length / 2)]!), min: r(s[0]!), max: r(s.at(-1)!) };
}
