// The workspace as a whole: export to one .zip, import (merging), clear, and the storage it uses.
export { exportWorkspace, exportFileName, type ExportResult } from './export';
export { importWorkspace, type ImportReport, type ImportedItem, type MergeCount } from './import';
export { exportWorkspaceInWorker, importWorkspaceInWorker } from './in-worker';
export { clearWorkspace, type ClearOptions } from './clear';
export { storageStatus, requestPersistence, requestPersistenceOnce, type StorageStatus } from './storage';
export { WorkspaceError } from './errors';
export { DEFAULT_DATABASES, type WorkspaceDatabases, type WorkspaceCounts } from './archive';
