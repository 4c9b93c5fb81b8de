// Arrays and objects as a collapsible tree (<details>, so it is keyboard-operable and needs no script).
// Only the first 100 entries of a level are drawn; the rest behind "Show more".
import { useState } from 'preact/hooks';
import { t } from '../../i18n/t';

const PAGE = 100;

function preview(value: unknown): string {
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    return `{${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}}`;
  }
  return JSON.stringify(value) ?? String(value);
}

export function JsonTree({ value, name, open = true }: { value: unknown; name?: string; open?: boolean }) {
  const [shown, setShown] = useState(PAGE);
  const label = name !== undefined ? <span class="json-key">{name}: </span> : null;
  if (!value || typeof value !== 'object') {
    return (
      <div class="json-leaf">
        {label}
        <span class={`json-${value === null ? 'null' : typeof value}`}>{preview(value)}</span>
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return (
    <details class="json-tree" open={open}>
      <summary>
        {label}
        <span class="json-preview">{preview(value)}</span>
      </summary>
      <div class="json-children">
        {entries.slice(0, shown).map(([k, v]) => (
          <JsonTree key={k} name={k} value={v} open={false} />
        ))}
        {entries.length > shown && (
          <button type="button" class="show-more" onClick={() => setShown((s) => s + PAGE * 10)}>
            {t('out.showMore', { count: entries.length - shown })}
          </button>
        )}
      </div>
    </details>
  );
}
