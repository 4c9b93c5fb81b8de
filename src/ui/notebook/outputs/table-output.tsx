// A DataFrame or Series: the head rows the kernel sent, with pandas' shape line ("1599 rows × 12
// columns") so a user always knows how much is not shown.
import type { TableData } from '../../../notebook/protocol';
import { formatNumber } from '../../format';
import { t } from '../../i18n/t';
import { formatInteger } from '../../format';

export function shapeLine(table: TableData): string {
  const [rows, cols] = table.shape;
  const r = t('out.rows', { count: formatInteger(rows) });
  return table.kind === 'Series' ? r : `${r} × ${t('out.columns', { count: formatInteger(cols) })}`;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return 'NaN';
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

export function TableOutput({ table }: { table: TableData }) {
  return (
    <div class="table-output">
      <div class="table-scroll">
        <table class="frame">
          <thead>
            <tr>
              <th scope="col">
                <span class="sr-only">{t('out.index')}</span>
              </th>
              {table.columns.map((c, i) => (
                <th scope="col" key={i} title={table.dtypes?.[i]}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>
                <th scope="row">{String(table.index[r] ?? r)}</th>
                {row.map((v, c) => (
                  <td
                    key={c}
                    class={typeof v === 'number' ? 'num' : undefined}
                    title={typeof v === 'number' ? String(v) : undefined}>
                    {cell(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="shape">{shapeLine(table)}</p>
    </div>
  );
}
