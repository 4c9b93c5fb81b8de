// The signature check before predicting, one row per column, as the model's enforcement will decide
// it (models/enforce.ts `checkColumns`): the model's type, the type of the CSV column's values, and
// ok / converted / missing / refused with MLflow's message. The chosen target column is marked.
import type { ColumnCheck } from '../../../models/enforce';

const STATUS_LABEL: Record<ColumnCheck['status'] | 'target', string> = {
  ok: 'ok', converted: 'converted', missing: 'missing', 'optional-missing': 'optional, missing', mismatch: 'wrong type', extra: 'ignored', target: 'target',
};

export function SchemaCheck({ rows, target }: { rows: ColumnCheck[]; target: string | null }) {
  return (
    <table class="kv schema-check">
      <thead><tr><th scope="col">Column</th><th scope="col">Model expects</th><th scope="col">CSV has</th><th scope="col">Check</th><th scope="col">Note</th></tr></thead>
      <tbody>
        {rows.map((r) => {
          const status = r.status === 'extra' && r.column === target ? 'target' : r.status;
          return (
            <tr key={r.column} class={`check-${status}`}>
              <th scope="row">{r.column}</th>
              <td>{r.expected ?? '—'}</td>
              <td>{r.found ?? '—'}</td>
              <td><span class={`check-badge check-${status}`}>{STATUS_LABEL[status]}</span></td>
              <td>{status === 'target' ? 'Compared with the predictions.' : r.message}</td>
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
