// CSV parsing and DataFrame → matrix conversion at the sizes the brief names: a ~50 MB numeric CSV
// generated in memory (seeded, so runs compare), and a 50,000 × 100 frame converted by frame.ts's
// `toMatrix` (through the danfojs adapter's Table) versus danfojs's per-column `df[col].values`.
import { report, timeIt, round } from './report';
import { readCSV, readTable } from '../src/data/csv';
import { toMatrix } from '../src/data/frame';
import { loadDanfo, tableToDanfo } from '../src/data/danfo';
import { toTable } from '../src/data/table-from';

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** ~targetBytes of CSV: `cols` float columns (4 decimals) and an int column, one header line. */
function numericCsv(targetBytes: number, cols: number): { text: string; rows: number } {
  const rand = mulberry32(42);
  const header = [...Array.from({ length: cols }, (_, j) => `f${j}`), 'label'].join(',');
  const lines = [header];
  let bytes = header.length + 1;
  while (bytes < targetBytes) {
    const row: string[] = [];
    for (let j = 0; j < cols; j++) row.push((rand() * 200 - 100).toFixed(4));
    row.push(String(Math.floor(rand() * 10)));
    const line = row.join(',');
    lines.push(line);
    bytes += line.length + 1;
  }
  return { text: lines.join('\n') + '\n', rows: lines.length - 1 };
}

const MB = 1024 * 1024;
const { text, rows } = numericCsv(50 * MB, 20);
const megabytes = text.length / MB;

let yields = 0;
const parse = await timeIt(async () => {
  yields = 0;
  await readCSV(text, { onProgress: () => yields++ });
}, 3);
report({
  bench: 'data.readCSV.numeric',
  megabytes: round(megabytes, 1),
  rows,
  cols: 21,
  medianMs: parse.medianMs,
  minMs: parse.minMs,
  mbPerSec: round(megabytes / (parse.medianMs / 1000), 1),
  progressCalls: yields,
});

// The two halves of readCSV: text → Table, then Table → danfojs DataFrame.
const table = await readTable(text);
const parseOnly = await timeIt(() => readTable(text), 3);
report({
  bench: 'data.csv.readTable',
  megabytes: round(megabytes, 1),
  medianMs: parseOnly.medianMs,
  mbPerSec: round(megabytes / (parseOnly.medianMs / 1000), 1),
});
const build = await timeIt(() => tableToDanfo(table), 3);
report({ bench: 'data.csv.tableToDanfo', rows, cols: 21, medianMs: build.medianMs, minMs: build.minMs });

// DataFrame → matrix, 50,000 × 100.
const { DataFrame } = await loadDanfo();
const rand = mulberry32(7);
const R = 50_000;
const C = 100;
const names = Array.from({ length: C }, (_, j) => `x${j}`);
const data = Array.from({ length: R }, () => Array.from({ length: C }, () => rand()));
const df = new DataFrame(data, { columns: names });

const fast = await timeIt(() => toMatrix(df), 5);
report({ bench: 'data.toMatrix.frame', rows: R, cols: C, medianMs: fast.medianMs, minMs: fast.minMs });
const toT = await timeIt(() => toTable(df), 5);
report({ bench: 'data.toTable.frame', rows: R, cols: C, medianMs: toT.medianMs, minMs: toT.minMs });

const viaSeries = await timeIt(() => {
  const out = new Float64Array(R * C);
  names.forEach((name, j) => {
    const values = (df as unknown as Record<string, { values: number[] }>)[name]!.values;
    out.set(values, j * R);
  });
  return out;
}, 3);
report({ bench: 'data.danfo.columnValues', rows: R, cols: C, medianMs: viaSeries.medianMs, minMs: viaSeries.minMs });
