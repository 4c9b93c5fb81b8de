// The signature check before predicting, one row per column, as the model's enforcement will decide
// it (logged-model/enforce.ts `checkColumns`): the model's type, the type of the CSV column's values, and
// ok / converted / missing / refused with MLflow's message. The chosen target column is marked.
import type { ColumnCheck } from '../../../logged-model/enforce';
import { t, type MessageKey } from '../../i18n/t';

const STATUS_LABEL: Record<ColumnCheck['status'] | 'target', MessageKey> = {
  ok: 'sc.ok',
  converted: 'sc.converted',
  missing: 'sc.missing',
  'optional-missing': 'sc.optionalMissing',
  mismatch: 'sc.mismatch',
  extra: 'sc.extra',
  target: 'sc.target',
};

export function SchemaCheck({ rows, target }: { rows: ColumnCheck[]; target: string | null }) {
  return (
    <table class="kv schema-check">
      <thead>
        <tr>
          <th scope="col">{t('sc.column')}</th>
          <th scope="col">{t('sc.expects')}</th>
          <th scope="col">{t('sc.has')}</th>
          <th scope="col">{t('sc.check')}</th>
          <th scope="col">{t('sc.note')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const status = r.status === 'extra' && r.column === target ? 'target' : r.status;
          return (
            <tr key={r.column} class={`check-${status}`}>
              <th scope="row" data-user-content="">
                {r.column}
              </th>
              <td>{r.expected ?? '—'}</td>
              <td>{r.found ?? '—'}</td>
              <td>
                <span class={`check-badge check-${status}`}>{t(STATUS_LABEL[status])}</span>
              </td>
              <td>{status === 'target' ? t('sc.compared') : r.message}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Whether enforcement will accept the data (no missing input, no refused column). */
export function checkPasses(rows: readonly ColumnCheck[]): boolean {
  return rows.every((r) => r.status !== 'missing' && r.status !== 'mismatch');
}
