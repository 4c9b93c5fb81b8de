import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { Fluent } from '../../src/tracking/fluent';
import { modelApi } from '../../src/logged-model/api';
import { autolog, type AutologOptions } from '../../src/autolog/index';
import { readCSV } from '../../src/data/csv';

let n = 0;

/** A fresh in-memory mlflow with autolog on. */
export function autologged(options: AutologOptions = {}) {
  const fluent = new Fluent(`memory:autolog-${++n}`);
  const api = Object.assign(fluent, modelApi(fluent));
  autolog(api, options);
  return api;
}

export const WINE_PATH = resolve(__dirname, '../../../shared/data/winequality-red.csv');

export async function wine() {
  const df = await readCSV(await readFile(WINE_PATH, 'utf8'));
  const X = df.drop({ columns: ['quality'] });
  const y = df.column('quality');
  return { df, X, y };
}
