// What the Files panel needs from the Files store (src/notebook/files.ts, IndexedDB `kiroku-files`),
// adapted in one place so the panel does not depend on the store's exact shape.
export interface FileEntry {
  name: string;
  size: number;
  type?: string;
  lastModified?: number;
}

export interface FilesApi {
  list(): Promise<FileEntry[]>;
  put(file: File): Promise<unknown>;
  delete(name: string): Promise<unknown>;
  get(name: string): Promise<Blob | undefined>;
  /** Every change, from this tab, other tabs and the kernel; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/** The Files store, loaded with the panel (it is small: CSV parsing and danfojs load on first use). */
export async function connectFiles(): Promise<FilesApi> {
  const { files } = await import('../../notebook/files');
  return {
    list: () => files.list(),
    put: (f) => files.put(f),
    delete: (n) => files.delete(n),
    get: (n) => files.file(n),
    onChange: (l) => files.onChange(l),
  };
}

/**
 * The cell code that reads a file: the name as a JavaScript string literal (JSON's quoting is valid
 * JavaScript), so a name holding quotes or backslashes stays a name and never becomes code.
 */
export function loadCsvCode(name: string): string {
  return `await loadCSV(${JSON.stringify(name)})`;
}
