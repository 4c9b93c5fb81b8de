// Sample datasets that work offline, shipped by the `vega-datasets` npm package (BSD-3-Clause code; each
// dataset keeps its own license, noted below).
//
// The package's own entry point fetches from a CDN and its `exports` hide the data files, so we point at
// the files with `new URL('…', import.meta.url)`: bundlers (Vite included) copy each referenced file into
// the build as its own asset, fetched only when that sample is loaded, and unreferenced files (the
// package holds ~40 MB) never ship. In Node the same URL is a file: URL that source.ts reads from disk.
import type { DataFrame } from 'danfojs';
import { DATA_ERROR_CODES, dataError } from './errors';
import { readLocation } from './source';
import { decodeText } from './decode';
import { tableToDanfo } from './danfo';
import { readCSV } from './csv';
import { inferColumn } from './infer';
import { Table } from './table';

export type SampleName = 'cars' | 'penguins' | 'seattle-weather';

export interface SampleDataset {
  name: SampleName;
  title: string;
  description: string;
  /** The column a model predicts. */
  target: string;
  task: 'regression' | 'classification';
  rows: number;
  columns: number;
  license: string;
  source: string;
}

export const SAMPLE_DATASETS: readonly SampleDataset[] = [
  {
    name: 'cars',
    title: 'Auto MPG',
    description:
      'Fuel economy of 406 cars from 1970–1982 with engine and body measurements; predict miles per gallon. ' +
      'Eight rows have no MPG and six no horsepower: drop or impute them before fitting.',
    target: 'miles_per_gallon',
    task: 'regression',
    rows: 406,
    columns: 9,
    license: 'Distributed in 1982 by StatLib for educational and scientific use (UCI "Auto MPG").',
    source: 'StatLib datasets archive, via vega-datasets (cars.json)',
  },
  {
    name: 'penguins',
    title: 'Palmer penguins',
    description:
      'Bill, flipper and body-mass measurements of 344 penguins on three islands; classify the species ' +
      '(Adelie, Chinstrap, Gentoo). A few rows have missing measurements or sex.',
    target: 'species',
    task: 'classification',
    rows: 344,
    columns: 7,
    license: 'CC0 1.0 (Allison Horst, palmerpenguins)',
    source: 'Palmer Station Antarctica LTER, Dr. Kristen Gorman, via vega-datasets (penguins.json)',
  },
  {
    name: 'seattle-weather',
    title: 'Seattle weather',
    description:
      'Daily precipitation, temperatures and wind in Seattle 2012–2015; classify the weather ' +
      '(rain, sun, fog, drizzle, snow).',
    target: 'weather',
    task: 'classification',
    rows: 1461,
    columns: 6,
    license: 'U.S. Government work (public domain)',
    source: 'NOAA National Climatic Data Center, via vega-datasets (seattle-weather.csv)',
  },
];

// One literal `new URL` per file: bundlers only recognise the pattern with a literal path.
const FILES: Record<SampleName, () => URL> = {
  cars: () => new URL('../../node_modules/vega-datasets/data/cars.json', import.meta.url),
  penguins: () => new URL('../../node_modules/vega-datasets/data/penguins.json', import.meta.url),
  'seattle-weather': () => new URL('../../node_modules/vega-datasets/data/seattle-weather.csv', import.meta.url),
};

/** Load a sample as a DataFrame with snake_case column names (see SAMPLE_DATASETS). */
export async function loadSample(name: SampleName, options: { signal?: AbortSignal } = {}): Promise<DataFrame> {
  const info = SAMPLE_DATASETS.find((d) => d.name === name);
  if (!info) {
    const known = SAMPLE_DATASETS.map((d) => `'${d.name}'`).join(', ');
    throw dataError(
      `Unknown sample dataset '${String(name)}'; choose one of ${known}.`,
      DATA_ERROR_CODES.unknownDataset,
    );
  }
  const url = FILES[name]();
  if (url.pathname.endsWith('.csv')) return readCSV(url, { signal: options.signal });
  const bytes = await readLocation(url, options.signal);
  const records = JSON.parse(decodeText(bytes, url.href)) as Record<string, unknown>[];
  return tableToDanfo(recordTable(records, CLEAN[name]));
}

type Cleaner = (column: string, value: unknown) => unknown;

// Per-dataset fixes, so the frames are ready to model.
const CLEAN: Partial<Record<SampleName, Cleaner>> = {
  // "1970-01-01" is how vega-datasets encodes the model year; the year is what's useful.
  cars: (column, value) => (column === 'Year' && typeof value === 'string' ? Number(value.slice(0, 4)) : value),
  // One record's sex is "." in the source data: it means unknown.
  penguins: (column, value) => (column === 'Sex' && value === '.' ? null : value),
};

/** "Beak Length (mm)" → "beak_length_mm", "Miles_per_Gallon" → "miles_per_gallon". */
export function snakeCase(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])(?=[a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** A table from JSON records, each column typed from its values (infer.ts). */
function recordTable(records: Record<string, unknown>[], clean: Cleaner = (_, v) => v): Table {
  const keys = Object.keys(records[0] ?? {});
  return new Table(
    keys.map((key) => ({ name: snakeCase(key), ...inferColumn(records.map((r) => clean(key, r[key]))) })),
    records.length,
  );
}
