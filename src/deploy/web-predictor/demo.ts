// The script of a web predictor's one-page demo (page.ts writes the page): drop a CSV or choose one,
// see the predictions beside its columns. The predictor module travels in the page as JSON text and is
// imported from a blob: URL, so the page works from a static host and from a file:// address (where
// Chromium imports no module file). Everything from the CSV is shown as text. The CSV is read by the
// app's reader and the predictions laid out by the Predict page's code (prediction-table.ts).
import { readTable } from '../../data/csv';
import type { Table } from '../../data/table';
import { predictionTable, withPredictions } from '../../logged-model/prediction-table';

/** Rows shown; the rest are counted. */
const SHOWN_ROWS = 1000;

type Predictor = { predict(input: unknown): unknown };

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function loadPredictor(): Promise<Predictor> {
  const text = JSON.parse($('kiroku-predictor').textContent!) as string;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
  try {
    return (await import(/* @vite-ignore */ url)) as Predictor;
  } finally {
    URL.revokeObjectURL(url);
  }
}

const predictor = loadPredictor();

function show(table: Table): void {
  const out = $<HTMLTableElement>('predictions');
  out.replaceChildren();
  const head = out.createTHead().insertRow();
  for (const name of table.columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = name;
    head.append(th);
  }
  const body = out.createTBody();
  const n = Math.min(table.rows, SHOWN_ROWS);
  for (let i = 0; i < n; i++) {
    const tr = body.insertRow();
    for (let j = 0; j < table.columns.length; j++) tr.insertCell().textContent = String(table.cell(i, j) ?? '');
  }
}

async function predictFile(file: File): Promise<void> {
  const status = $('status');
  const error = $('error');
  error.textContent = '';
  status.textContent = `Reading ${file.name}…`;
  try {
    const { predict } = await predictor;
    const table = await readTable(file);
    // As an object of columns: the predictor is a module of its own, whose Table class is not this one.
    const columns = Object.fromEntries(table.columns.map((name, j) => [name, table.data[j]!]));
    const predictions = predictionTable(predict(columns), table.rows);
    show(withPredictions(table, predictions));
    status.textContent = `${table.rows} predictions for ${file.name}${
      table.rows > SHOWN_ROWS ? ` (the first ${SHOWN_ROWS} shown)` : ''
    }.`;
  } catch (e) {
    status.textContent = '';
    error.textContent = e instanceof Error ? e.message : String(e);
  }
}

const input = $<HTMLInputElement>('csv');
input.addEventListener('change', () => void (input.files?.[0] && predictFile(input.files[0])));
const zone = $('drop');
zone.addEventListener('dragover', (e) => {
  e.preventDefault();
  zone.classList.add('over');
});
zone.addEventListener('dragleave', () => zone.classList.remove('over'));
zone.addEventListener('drop', (e) => {
  e.preventDefault();
  zone.classList.remove('over');
  const file = e.dataTransfer?.files[0];
  if (file) void predictFile(file);
});
