// Helpers shared by the CSV reader's tests (csv.test.ts, csv-stream.test.ts).
import { expect } from 'vitest';
import type { Table } from '../../src/data/index';
import { DataError } from '../../src/lib/errors';

/** A column's values as a plain array (numeric columns are Float64Arrays). */
export const col = (t: Table, name: string) => Array.from(t.column(name) as ArrayLike<unknown>);
export const columnsOf = (t: Table) => t.data.map((c) => Array.from(c as ArrayLike<unknown>));

/** The DataError a promise rejects with (fails the test when it resolves or rejects otherwise). */
export async function dataErrorOf(p: Promise<unknown>): Promise<DataError> {
  const e = await p.then(
    () => {
      throw new Error('expected a DataError, but it resolved');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DataError);
  return e as DataError;
}
