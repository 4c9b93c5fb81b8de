// The Files panel beside the notebook: files uploaded into the browser's Files store (file picker or
// drag and drop), which cells read with `loadCSV('name.csv')`, and the sample datasets that ship with
// the app. A CSV can be previewed (its first rows, read by the same reader cells use).
import { useEffect, useRef, useState } from 'preact/hooks';
import { SAMPLE_DATASETS } from '../../data/datasets';
import type { TableData } from '../../notebook/protocol';
import { formatBytes } from '../format';
import { connectFiles, loadCsvCode, type FileEntry, type FilesApi } from './files-api';
import { TableOutput } from './outputs/table-output';
import { t, type MessageKey } from '../i18n/t';

/** The sample datasets' descriptions in the UI's language (data/datasets.ts has them in English). */
const DATASET_TEXT: Record<string, MessageKey> = {
  cars: 'data.cars',
  penguins: 'data.penguins',
  'seattle-weather': 'data.seattle-weather',
};

const PREVIEW_BYTES = 64 * 1024;
const PREVIEW_ROWS = 8;

async function previewFile(blob: Blob): Promise<TableData> {
  const { readTable } = await import('../../data/csv');
  // Read only the first 64 KB, cut after the last complete line (a byte, so no character is cut): a
  // preview of a 50 MB file stays instant. The reader decodes strictly, so a file that is not UTF-8 says so.
  let part = blob;
  if (blob.size > PREVIEW_BYTES) {
    const bytes = new Uint8Array(await blob.slice(0, PREVIEW_BYTES).arrayBuffer());
    part = new Blob([bytes.slice(0, bytes.lastIndexOf(10) + 1)]);
  }
  const table = await readTable(part);
  const head = table.head(PREVIEW_ROWS);
  return {
    kind: 'DataFrame',
    columns: [...head.columns],
    index: Array.from({ length: head.rows }, (_, i) => i),
    rows: head.values,
    shape: table.shape,
    dtypes: [...head.dtypes],
  };
}

export function FilesPanel() {
  const [api, setApi] = useState<FilesApi | null>(null);
  const [files, setFiles] = useState<FileEntry[] | null>(null);
  const [status, setStatus] = useState('');
  const [dragging, setDragging] = useState(false);
  const [preview, setPreview] = useState<{ name: string; table?: TableData; error?: string } | null>(null);
  const picker = useRef<HTMLInputElement>(null);

  const reload = async (a = api) => a && setFiles(await a.list());
  useEffect(() => {
    let unsubscribe = () => {};
    void connectFiles().then(
      async (a) => {
        setApi(a);
        const list = async () => setFiles(await a.list());
        await list();
        // Files change from other tabs and from cells too (the kernel writes to the same store).
        unsubscribe = a.onChange(() => void list());
      },
      (err: unknown) => setStatus(t('files.unavailable', { error: err instanceof Error ? err.message : String(err) })),
    );
    return () => unsubscribe();
  }, []);

  const upload = async (list: File[]) => {
    if (!api || !list.length) return;
    for (const f of list) {
      try {
        await api.put(f);
        setStatus(t('files.uploaded', { name: f.name, size: formatBytes(f.size) }));
      } catch (err) {
        setStatus(t('files.uploadFailed', { name: f.name, error: err instanceof Error ? err.message : String(err) }));
      }
    }
    await reload();
  };

  const showPreview = async (name: string, blob: () => Promise<Blob | undefined>) => {
    setPreview({ name });
    try {
      const b = await blob();
      if (!b) throw new Error(t('files.gone'));
      setPreview({ name, table: await previewFile(b) });
    } catch (err) {
      setPreview({ name, error: err instanceof Error ? err.message : String(err) });
    }
  };

  const copySnippet = async (code: string) => {
    try {
      await navigator.clipboard.writeText(code);
      setStatus(t('files.copied', { code }));
    } catch {
      setStatus(t('files.copyFailed', { code }));
    }
  };

  return (
    <aside
      class={`files-panel${dragging ? ' dragging' : ''}`}
      aria-labelledby="files-title"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void upload([...(e.dataTransfer?.files ?? [])]);
      }}>
      <h2 id="files-title">{t('files.title')}</h2>
      <p class="muted small">{t('files.drop')}</p>
      <button type="button" onClick={() => picker.current?.click()} disabled={!api}>
        {t('files.upload')}
      </button>
      <input
        ref={picker}
        type="file"
        multiple
        hidden
        aria-label={t('files.upload')}
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          void upload([...(input.files ?? [])]);
          input.value = '';
        }}
      />
      <p class="files-status" role="status" aria-live="polite">
        {status}
      </p>
      {files && (
        <ul class="files" aria-label={t('files.yours')}>
          {files.length === 0 && <li class="muted">{t('files.none')}</li>}
          {files.map((f) => (
            <li key={f.name}>
              <span class="file-name">{f.name}</span> <span class="muted">{formatBytes(f.size)}</span>
              <span class="file-actions">
                {/\.(csv|tsv|txt)$/i.test(f.name) && (
                  <>
                    <button
                      type="button"
                      class="link"
                      aria-label={t('files.previewOf', { name: f.name })}
                      onClick={() => void showPreview(f.name, () => api!.get(f.name))}>
                      {t('files.preview')}
                    </button>
                    <button
                      type="button"
                      class="link"
                      aria-label={t('files.copySnippet', { name: f.name })}
                      onClick={() => void copySnippet(loadCsvCode(f.name))}>
                      {t('files.copyCode')}
                    </button>
                  </>
                )}
                <button
                  type="button"
                  class="link danger"
                  aria-label={t('files.deleteOf', { name: f.name })}
                  onClick={async () => {
                    await api!.delete(f.name);
                    setStatus(t('files.deleted', { name: f.name }));
                    await reload();
                  }}>
                  {t('common.delete')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('files.samples')}</h3>
      <ul class="files" aria-label={t('files.samples')}>
        {SAMPLE_DATASETS.map((d) => (
          <li key={d.name} title={DATASET_TEXT[d.name] ? t(DATASET_TEXT[d.name]!) : d.description}>
            <span class="file-name">{d.name}</span>{' '}
            <span class="muted">{t('files.shape', { rows: d.rows, columns: d.columns })}</span>
            <span class="file-actions">
              <button
                type="button"
                class="link"
                aria-label={t('files.copySnippet', { name: d.name })}
                onClick={() => void copySnippet(loadCsvCode(d.name))}>
                {t('files.copyCode')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {preview && (
        <section class="file-preview" aria-label={t('files.previewRegion', { name: preview.name })}>
          <h3>
            {preview.name}{' '}
            <button type="button" class="icon" aria-label={t('files.closePreview')} onClick={() => setPreview(null)}>
              ×
            </button>
          </h3>
          {preview.error ? (
            <p role="alert">{t('files.readFailed', { error: preview.error })}</p>
          ) : preview.table ? (
            <TableOutput table={preview.table} />
          ) : (
            <p aria-busy="true">{t('files.reading')}</p>
          )}
          {preview.table && <p class="muted small">{t('files.previewNote', { kb: PREVIEW_BYTES / 1024 })}</p>}
        </section>
      )}
    </aside>
  );
}
