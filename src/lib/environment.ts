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
  const runtime = proc?.version ? `Node.js ${proc.version} (${proc.platform})` : nav?.userAgent ?? 'unknown';
  return {
    kiroku: KIROKU_VERSION,
    packages: { ...KIROKU_DEPENDENCIES },
    runtime,
    hardwareConcurrency: nav?.hardwareConcurrency ?? null,
    ...(extra.tfjsBackend ? { tfjsBackend: extra.tfjsBackend } : {}),
  };
}

/** requirements.txt-style lines: `kiroku==0.1.0`, `@tensorflow/tfjs==4.22.0`, … */
export function requirementsText(env: EnvironmentInfo = environmentInfo()): string {
  const lines = [`kiroku==${env.kiroku}`, ...Object.entries(env.packages).map(([name, v]) => `${name}==${v.replace(/^[\^~]/, '')}`)];
  return lines.join('\n') + '\n';
}
