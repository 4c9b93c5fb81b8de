import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSample, SAMPLE_DATASETS, type SampleName } from '../../src/data/index';
import { snakeCase } from '../../src/data/datasets';
import { toTable } from '../../src/data/index';
import { DataError } from '../../src/lib/errors';

afterEach(() => {
  vi.unstubAllGlobals();
});

const EXPECTED: Record<SampleName, { shape: [number, number]; columns: string[]; dtypes: string[] }> = {
  cars: {
    shape: [406, 9],
    columns: [
      'name',
      'miles_per_gallon',
      'cylinders',
      'displacement',
      'horsepower',
      'weight_in_lbs',
      'acceleration',
      'year',
      'origin',
    ],
    dtypes: ['string', 'float32', 'int32', 'float32', 'float32', 'int32', 'float32', 'int32', 'string'],
  },
  penguins: {
    shape: [344, 7],
    columns: ['species', 'island', 'beak_length_mm', 'beak_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex'],
    dtypes: ['string', 'string', 'float32', 'float32', 'float32', 'float32', 'string'],
  },
  'seattle-weather': {
    shape: [1461, 6],
    columns: ['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather'],
    dtypes: ['string', 'float32', 'float32', 'float32', 'float32', 'string'],
  },
};

describe('sample datasets', () => {
  it.each(SAMPLE_DATASETS.map((d) => [d.name, d] as const))(
    '%s loads offline with its shape, names and target',
    async (name, info) => {
      vi.stubGlobal('fetch', () => {
        throw new Error('no network: samples must load from the installed package');
      });
      const df = await loadSample(name);
      const want = EXPECTED[name];
      expect(df.shape).toEqual(want.shape);
      expect(df.columns).toEqual(want.columns);
      expect(df.dtypes).toEqual(want.dtypes);
      expect([info.rows, info.columns]).toEqual(want.shape);
      expect(df.columns).toContain(info.target);
      expect(info.license).not.toBe('');
    },
  );

  it('cleans values: model year as a number, the penguin with sex "." as unknown', async () => {
    const cars = await loadSample('cars');
    const year = Array.from(toTable(cars).column('year') as ArrayLike<unknown>);
    expect(year[0]).toBe(1970);
    expect(new Set(year)).toEqual(new Set([1970, 1971, 1972, 1973, 1974, 1975, 1976, 1977, 1978, 1979, 1980, 1982]));
    const penguins = await loadSample('penguins');
    const sex = toTable(penguins).column('sex') as unknown[];
    expect(new Set(sex)).toEqual(new Set(['MALE', 'FEMALE', null]));
    const species = toTable(penguins).column(0) as unknown[];
    expect(new Set(species)).toEqual(new Set(['Adelie', 'Chinstrap', 'Gentoo']));
  });

  it('refuses an unknown name, listing the known ones', async () => {
    const e = await loadSample('iris' as SampleName).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).message).toBe(
      "Unknown sample dataset 'iris'; choose one of 'cars', 'penguins', 'seattle-weather'.",
    );
  });

  it('snake-cases column names', () => {
    expect(snakeCase('Beak Length (mm)')).toBe('beak_length_mm');
    expect(snakeCase('Miles_per_Gallon')).toBe('miles_per_gallon');
    expect(snakeCase('bodyMass')).toBe('body_mass');
  });
});
