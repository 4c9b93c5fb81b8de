// scikit-learn beside Kiroku in the same run: Debian's /usr/bin/python3 times a script on the same data,
// handed over as raw float64 files (column-major X, then the other arrays), so both sides fit the very
// same numbers. Benchmarks interleave their rounds with Kiroku's, so a busy machine slows both alike.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
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

/**
 * A Python process kept running for the whole benchmark, so each scikit-learn fit can be timed between
 * two of Kiroku's (fit by fit, not round by round): `setup` runs once (load the data), then every
 * `call(request)` hands one JSON line to `handler(request)` — a Python function the setup defines — and
 * resolves with the JSON it returns. The Python side times its own fits (no pipe or start-up cost).
 */
export interface PythonSession {
  call<T>(request: unknown): Promise<T>;
  close(): void;
}

export function pythonSession(setup: string, args: (string | number)[]): PythonSession {
  const loop = `${setup}
import json as _json, sys as _sys
for _line in _sys.stdin:
    _out = handler(_json.loads(_line))
    _sys.stdout.write(_json.dumps(_out) + "\\n")
    _sys.stdout.flush()
`;
  const child = spawn(PYTHON, ['-c', loop, ...args.map(String)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const waiting: { resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.resolve(JSON.parse(line)));
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`python exited with ${code}: ${stderr}`));
  });
  return {
    call<T>(request: unknown): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ resolve: resolve as (v: unknown) => void, reject });
        child.stdin.write(`${JSON.stringify(request)}\n`);
      });
    },
    close() {
      child.stdin.end();
    },
  };
}

/** The 1-, 5- and 15-minute load averages, rounded: how busy the machine was (it has `cpus` cores). */
export function loadAverage(): { '1m': number; '5m': number; '15m': number; cpus: number } {
  const [a, b, c] = loadavg().map((x) => Math.round(x * 100) / 100);
  return { '1m': a!, '5m': b!, '15m': c!, cpus: availableParallelism() };
}
