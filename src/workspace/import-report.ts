// What a workspace import tells the user: for each store, how many items were added, updated, skipped or
// rejected, and for each entry of the archive what became of it (and why, when it was refused).
export interface MergeCount {
  added: number;
  updated: number;
  /** Already here (and not older than here). */
  skipped: number;
  /** Refused: the archive's copy breaks a rule, or cannot be read. */
  rejected: number;
}

export type ItemKind = 'notebook' | 'file' | 'experiment' | 'run' | 'registeredModel';

export interface ImportedItem {
  /** The archive entry the item came from. */
  file: string;
  kind: ItemKind;
  name: string;
  action: 'added' | 'updated' | 'skipped' | 'rejected';
  reason?: string;
}

export interface ImportReport {
  notebooks: MergeCount;
  files: MergeCount;
  experiments: MergeCount;
  runs: MergeCount;
  registeredModels: MergeCount;
  modelVersions: MergeCount;
  /** Archived experiment id → the id it has here, where they differ. */
  remappedExperiments: Record<string, string>;
  items: ImportedItem[];
  /** Entries of the archive that nothing names: never read. */
  unnamedEntries: string[];
}

/** Records one item's fate in the report's list and in its store's counts. */
export type Note = (i: ImportedItem, counts: MergeCount) => void;

export const mergeCount = (): MergeCount => ({ added: 0, updated: 0, skipped: 0, rejected: 0 });

/** The reason a rejected item gives. */
export const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** An archived record that failed its checks, under its own name where it has one. */
export function rejectedRecord(file: string, kind: ItemKind, raw: unknown, err: unknown): ImportedItem {
  const name = (raw as { name?: unknown } | null | undefined)?.name;
  return { file, kind, name: typeof name === 'string' ? name : '(unnamed)', action: 'rejected', reason: reasonOf(err) };
}
