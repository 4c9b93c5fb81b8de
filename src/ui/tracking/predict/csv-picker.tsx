// Choose the data to predict on: a CSV from disk (file chooser or drag and drop) or one already in
// the notebook's Files panel. Hands back the file's name and text.
import { useEffect, useState } from 'preact/hooks';

export interface PickedCsv {
  name: string;
  text: string;
}

export function CsvPicker({ onPick }: { onPick: (csv: PickedCsv) => void }) {
  const [over, setOver] = useState(false);
  const [stored, setStored] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    import('../../../notebook/files').then(
      ({ files }) => files.list().then((list) => live && setStored(list.map((f) => f.name).filter((n) => /\.(csv|tsv|txt)$/i.test(n)))),
      () => undefined, // no Files store in this build: the picker offers disk files only
    );
    return () => {
      live = false;
    };
  }, []);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      onPick({ name: file.name, text: await file.text() });
    } catch (err) {
      setError(`Could not read ${file.name}: ${(err as Error).message}`);
    }
  };

  const fromStore = async (name: string) => {
    if (!name) return;
    const { files } = await import('../../../notebook/files');
    await readFile(await files.file(name));
  };

  return (
    <div class={`drop-zone${over ? ' over' : ''}`}
      onDragOver={(e) => { e.preventDefault(); setOver(true); }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => { e.preventDefault(); setOver(false); void readFile(e.dataTransfer?.files[0]); }}>
      <p>Drop a CSV file here, or</p>
      <label class="file-label">
        Choose a CSV file <input type="file" accept=".csv,.tsv,.txt,text/csv" onChange={(e) => readFile(e.currentTarget.files?.[0])} />
      </label>
      {stored.length > 0 && (
        <label>
          {' '}or a file from the Files panel{' '}
          <select onChange={(e) => fromStore(e.currentTarget.value)} value="">
            <option value="">— pick one —</option>
            {stored.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
      )}
      {error && <p role="alert" class="form-error">{error}</p>}
    </div>
  );
}
