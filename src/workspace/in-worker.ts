// The page's side of the workspace worker: export and import as promises, with progress.
import type { WorkspaceDatabases } from './archive';
import { WorkspaceError } from './errors';
import type { ExportResult } from './export';
import type { ImportReport } from './import';
import type { WorkspaceReply, WorkspaceRequest } from './worker-protocol';

function run<T>(request: WorkspaceRequest, onProgress?: (done: number, total: number) => void): Promise<T> {
  // The workspace role of the ML worker bundle (workers/ml.worker.ts: one TensorFlow.js with the kernel's).
  const worker = new Worker(new URL('../workers/ml.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kiroku-workspace',
  });
  return new Promise<T>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkspaceReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') return onProgress?.(reply.done, reply.total);
      worker.terminate();
      if (reply.type === 'failed')
        reject(new WorkspaceError(reply.error.message, (reply.error.code ?? 'BAD_ARCHIVE') as never));
      else resolve((reply.type === 'exported' ? reply.result : reply.report) as T);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new WorkspaceError(`The workspace worker failed: ${event.message}`));
    };
    worker.postMessage(request);
  });
}

/** exportWorkspace on the workspace worker: the page's thread only receives the finished Blob. */
export function exportWorkspaceInWorker(
  options: { databases?: Partial<WorkspaceDatabases>; onProgress?: (runs: number) => void } = {},
): Promise<ExportResult> {
  return run({ type: 'export', databases: options.databases }, (done) => options.onProgress?.(done));
}

/** importWorkspace on the workspace worker: the archive is read there, straight from the File. */
export function importWorkspaceInWorker(
  file: Blob,
  options: { databases?: Partial<WorkspaceDatabases>; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportReport> {
  return run({ type: 'import', file, databases: options.databases }, options.onProgress);
}
