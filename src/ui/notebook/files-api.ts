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

// A glob, not an import: the page builds whether or not the Files store has landed.
const stores = import.meta.glob<Record<string, unknown>>('../../notebook/files.ts');

export async function connectFiles(): Promise<FilesApi> {
  const load = Object.values(stores)[0];
  if (!load) throw new Error('the Files store is not part of this build yet');
  const mod = await load();
  const store = mod.files as
    | { list(): Promise<FileEntry[]>; put(f: File): Promise<unknown>; delete(n: string): Promise<unknown>; file(n: string): Promise<File | undefined>; onChange(l: () => void): () => void }
    | undefined;
  if (!store) throw new Error('files.ts does not export the `files` store');
  return {
    list: () => store.list(),
    put: (f) => store.put(f),
    delete: (n) => store.delete(n),
    get: (n) => store.file(n),
    onChange: (l) => store.onChange(l),
  };
}
