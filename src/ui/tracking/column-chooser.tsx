// Choose the runs table's columns: a disclosure button opening a panel of checkboxes grouped as
// attributes, metrics, parameters and tags, with "all"/"none" per group and a text box to find a key
// among hundreds. The hidden set (not the shown one) is kept, so keys logged later appear by default.
import { useEffect, useRef, useState } from 'preact/hooks';
import { FIXED_COLUMN, GROUP_LABELS, type Column, type ColumnKind } from './columns';
import { t, type MessageKey } from '../i18n/t';

const GROUPS: Array<{ kind: ColumnKind; label: MessageKey }> = [
  { kind: 'attr', label: 'col.attrs' },
  ...(Object.entries(GROUP_LABELS) as Array<[ColumnKind, MessageKey]>).map(([kind, label]) => ({ kind, label })),
];

export function ColumnChooser({
  columns,
  hidden,
  onChange,
}: {
  columns: Column[];
  hidden: ReadonlySet<string>;
  onChange: (hidden: Set<string>) => void;
}) {
  const [open, setOpen] = useState(false);
  const [find, setFind] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  const set = (ids: string[], show: boolean) => {
    const next = new Set(hidden);
    for (const id of ids) if (id !== FIXED_COLUMN) show ? next.delete(id) : next.add(id);
    onChange(next);
  };
  const needle = find.trim().toLowerCase();
  const shown = columns.filter((c) => c.id !== FIXED_COLUMN && !hidden.has(c.id)).length;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape from any control inside closes the panel
    <div
      class="column-chooser"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}>
      <button
        type="button"
        ref={button}
        aria-expanded={open}
        aria-controls="column-chooser-panel"
        onClick={() => setOpen(!open)}>
        {t('cols.button')}{' '}
        <span class="muted">
          ({shown}/{columns.length - 1})
        </span>
      </button>
      {open && (
        <div id="column-chooser-panel" class="popover" role="group" aria-label={t('cols.choose')}>
          <input
            type="search"
            aria-label={t('cols.find')}
            placeholder={t('cols.find')}
            value={find}
            onInput={(e) => setFind(e.currentTarget.value)}
            autoFocus
          />
          {GROUPS.map(({ kind, label }) => {
            const cols = columns.filter(
              (c) => c.kind === kind && c.id !== FIXED_COLUMN && (!needle || c.label.toLowerCase().includes(needle)),
            );
            if (!cols.length) return null;
            return (
              <fieldset key={kind}>
                <legend>{t(label)}</legend>
                <div class="group-actions">
                  <button
                    type="button"
                    class="link"
                    aria-label={t('cols.showAll', { group: t(label).toLowerCase() })}
                    onClick={() =>
                      set(
                        cols.map((c) => c.id),
                        true,
                      )
                    }>
                    {t('cols.all')}
                  </button>
                  <button
                    type="button"
                    class="link"
                    aria-label={t('cols.hideAll', { group: t(label).toLowerCase() })}
                    onClick={() =>
                      set(
                        cols.map((c) => c.id),
                        false,
                      )
                    }>
                    {t('cols.none')}
                  </button>
                </div>
                {cols.map((c) => (
                  <label key={c.id} class="check">
                    <input
                      type="checkbox"
                      checked={!hidden.has(c.id)}
                      onChange={(e) => set([c.id], e.currentTarget.checked)}
                    />
                    {c.label}
                  </label>
                ))}
              </fieldset>
            );
          })}
        </div>
      )}
    </div>
  );
}

const STORAGE_KEY = 'kiroku.runs.hiddenColumns';

export function loadHidden(fallback: readonly string[]): Set<string> {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved) return new Set(JSON.parse(saved) as string[]);
  } catch {
    // storage blocked or corrupt: use the defaults
  }
  return new Set(fallback);
}

export function saveHidden(hidden: ReadonlySet<string>): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify([...hidden]));
  } catch {
    // not persisting a view preference is harmless
  }
}
