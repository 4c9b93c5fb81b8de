// The workspace worker's entry: one export or import per worker, then the page terminates it (which
// also closes its database connections).
import { exportWorkspace } from './export';
import { importWorkspace } from './import';
import type { WorkspaceReply, WorkspaceRequest } from './worker-protocol';

interface WorkerScope {
  postMessage(message: WorkspaceReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkspaceRequest>) => void): void;
}

const scope = self as unknown as WorkerScope;

scope.addEventListener('message', (event) => {
  const request = event.data;
  const progress = (done: number, total: number) => scope.postMessage({ type: 'progress', done, total });
  void (async () => {
    try {
      if (request.type === 'export') {
        scope.postMessage({
          type: 'exported',
          result: await exportWorkspace({ databases: request.databases, onProgress: (runs) => progress(runs, 0) }),
        });
      } else {
        scope.postMessage({
          type: 'imported',
          report: await importWorkspace(request.file, { databases: request.databases, onProgress: progress }),
        });
      }
    } catch (err) {
      const e = err as { name?: string; message?: string; code?: string };
      scope.postMessage({
        type: 'failed',
        error: { name: e?.name ?? 'Error', message: e?.message ?? String(err), ...(e?.code ? { code: e.code } : {}) },
      });
    }
  })();
});
