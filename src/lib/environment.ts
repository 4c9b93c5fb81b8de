// What a run or a logged model ran with: Kiroku's version, the libraries it was built with, and the
// browser or Node environment (MLflow records Python packages in requirements.txt; this is ours).
import { KIROKU_DEPENDENCIES, KIROKU_VERSION } from './build-info';

export interface EnvironmentInfo {
  kiroku: string;
  packages: Record<string, string>;
  runtime: string;
  hardwareConcurrency: number | null;
  tfjsBackend?: string;
}

export function environmentInfo(extra: { tfjsBackend?: string } = {}): EnvironmentInfo {
  const nav = (globalThis as { navigator?: { userAgent?: string; hardwareConcurrency?: number } }).navigator;
  const proc = (globalThis as { process?: { version?: string; platform?: string } }).process;
  const runtime = proc?.version ? `Node.js ${proc.version} (${proc.platform})` : (nav?.userAgent ?? 'unknown');
  return {
    kiroku: KIROKU_VERSION,
    packages: { ...KIROKU_DEPENDENCIES },
    runtime,
    hardwareConcurrency: nav?.hardwareConcurrency ?? null,
    ...(extra.tfjsBackend ? { tfjsBackend: extra.tfjsBackend } : {}),
  };
}

/**
 * A pip requirements.txt for Python readers of what Kiroku logged: the `kiroku` package (python/kiroku,
 * whose `__version__` is this version) and numpy, which it needs. The JavaScript packages it was logged
 * with follow as comments — pip and MLflow skip them, where a line such as `yaml==2.9.1` would be taken
 * for a Python package and fail MLflow's check of the loading environment.
 */
export function requirementsText(env: EnvironmentInfo = environmentInfo()): string {
  const js = Object.entries(env.packages).map(([name, v]) => `#   ${name}==${v.replace(/^[\^~]/, '')}`);
  return (
    [
      `kiroku==${env.kiroku}`,
      'numpy',
      ...(js.length ? ['# Logged in a browser by Kiroku with these JavaScript packages:', ...js] : []),
    ].join('\n') + '\n'
  );
}
