// Messages between the page and the workspace worker (workspace.worker.ts): export and import run off
// the page's thread, so unzipping, inflating and writing a large archive never freezes the page.
import type { ExportResult } from './export';
import type { ImportReport } from './import';
import type { WorkspaceDatabases } from './archive';

export type WorkspaceRequest =
  | { type: 'export'; databases?: Partial<WorkspaceDatabases> }
  | { type: 'import'; file: Blob; databases?: Partial<WorkspaceDatabases> };

export type WorkspaceReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'exported'; result: ExportResult }
  | { type: 'imported'; report: ImportReport }
  | { type: 'failed'; error: { name: string; message: string; code?: string } };
