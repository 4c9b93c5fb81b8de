// Choose the data to predict on: a CSV from disk (file chooser or drag and drop) or one already in the
// notebook's Files panel. Hands back the File; reading it is the data layer's job (one reader, with
// its checks and messages).
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t';

export function CsvPicker({ onPick, disabled }: { onPick: (file: File) => void; disabled?: boolean }) {
  const [over, setOver] = useState(false);
  const [stored, setStored] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    import('../../../notebook/files').then(
      ({ files }) =>
        files
          .list()
          .then((list) => live && setStored(list.map((f) => f.name).filter((n) => /\.(csv|tsv|txt)$/i.test(n)))),
      () => undefined, // no Files store in this build: the picker offers disk files only
    );
    return () => {
      live = false;
    };
  }, []);

  const pick = (file: File | undefined) => {
    if (file && !disabled) onPick(file);
  };

  const fromStore = async (name: string) => {
    if (!name) return;
    const { files } = await import('../../../notebook/files');
    pick(await files.file(name));
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; the file input is the keyboard's
    <div
      class={`drop-zone${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        pick(e.dataTransfer?.files[0]);
      }}>
      <p>{t('csv.drop')}</p>
      <label class="file-label">
        {t('csv.choose')}{' '}
        <input
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          disabled={disabled}
          onChange={(e) => {
            pick(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
        />
      </label>
      {stored.length > 0 && (
        <label>
          {' '}
          {t('csv.fromFiles')}{' '}
          <select onChange={(e) => fromStore(e.currentTarget.value)} value="" disabled={disabled}>
            <option value="">{t('pick.one')}</option>
            {stored.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
