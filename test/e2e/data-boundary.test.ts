// The round trip the Table was built for, in Chromium as a user does it: wine-quality's "total sulfur
// dioxide" is whole numbers until line 1298, so danfojs (which types a column from its first 500
// values) calls it int32. Frames built the three ways users build them — the danfojs constructor from
// rows, dfd.readCSV, Kiroku's readCSV — are autologged in a notebook; after a page reload each model is
// loaded back from runs:/ and predicts on a second file whose values differ (decimals everywhere),
// in a cell and on the Predict page: no refusal, the in-memory model's predictions exactly, and the
// logged signature says double.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './page';
import { newNotebook, output, runInto } from './notebook-driver';

const app = useApp();
const WINE = readFileSync(resolve(__dirname, '../../../shared/data/winequality-red.csv'), 'utf8');

/** Other wine data: 300 rows, every feature nudged off its grid (comma-separated, unquoted header). */
function otherWine(): string {
  const [header, ...lines] = WINE.trim().split('\n');
  const names = header!.split(';').map((c) => c.replace(/"/g, ''));
  const rows = lines.slice(0, 300).map((l, i) =>
    l
      .split(';')
      .map((v, j) => (j === 11 ? v : String(Math.round((Number(v) * (1 + ((i % 7) - 3) / 100) + 0.25) * 1e6) / 1e6)))
      .join(','),
  );
  return [names.join(','), ...rows].join('\n') + '\n';
}

async function upload(page: Page, name: string, text: string): Promise<void> {
  const files = page.getByRole('complementary', { name: 'Files' });
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    files.getByRole('button', { name: 'Upload files' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await files.getByRole('list', { name: 'Your files' }).getByText(name).waitFor();
}

/** The JSON a cell printed on a line starting with `marker`. */
async function printed<T>(page: Page, n: number, marker = 'RESULT'): Promise<T> {
  await expect.poll(() => output(page, n).innerText(), { timeout: 120_000 }).toMatch(new RegExp(`^${marker} `, 'm'));
  const line = (await output(page, n).innerText()).split('\n').find((l) => l.startsWith(`${marker} `))!;
  return JSON.parse(line.slice(marker.length + 1)) as T;
}

type Fit = { how: string; runId: string; predictions: number[] };

describe('one Table from file to prediction', () => {
  it('autologs frames built three ways; reloaded, predicts on other data exactly as the fitted models', async () => {
    const { page, context, errors } = await app.open('notebook');
    await newNotebook(page);
    const other = otherWine();
    await upload(page, 'winequality-red.csv', WINE);
    await upload(page, 'other-wine.csv', other);

    await runInto(
      page,
      1,
      [
        'mlflow.autolog();',
        "const base = await loadCSV('winequality-red.csv');",
        '// The same CSV, read by danfojs itself and built from rows with its constructor.',
        'const csvFile = new File([dfd.toCSV(base)], "wine.csv", { type: "text/csv" });',
        'const frames = {',
        '  rows: new dfd.DataFrame(base.values, { columns: base.columns }),',
        '  dfdReadCSV: await dfd.readCSV(csvFile),',
        '  readCSV: base,',
        '};',
        "console.log('RESULT ' + JSON.stringify(Object.fromEntries(Object.entries(frames).map(([k, df]) => [k, " +
          "df.dtypes[df.columns.indexOf('total sulfur dioxide')]]))));",
      ].join('\n'),
    );
    // danfojs's own guesses say int32: the frames really carry the wrong dtype into the fit.
    expect(await printed(page, 1)).toEqual({ rows: 'int32', dfdReadCSV: 'int32', readCSV: 'float32' });

    await runInto(
      page,
      2,
      [
        "const Xo = (await loadCSV('other-wine.csv')).drop({ columns: ['quality'] });",
        'const fits = [];',
        'for (const [how, df] of Object.entries(frames)) {',
        "  const model = new ElasticNet({ alpha: 0.02, l1Ratio: 0.5 }).fit(df.drop({ columns: ['quality'] }), " +
          "df.column('quality'));",
        '  await mlflow.flush();',
        '  fits.push({ how, runId: mlflow.lastActiveRun().info.runId, predictions: Array.from(model.predict(Xo)) });',
        '}',
        "console.log('RESULT ' + JSON.stringify(fits));",
      ].join('\n'),
    );
    const fits = await printed<Fit[]>(page, 2);
    expect(fits.map((f) => f.how)).toEqual(['rows', 'dfdReadCSV', 'readCSV']);
    expect(new Set(fits.map((f) => f.runId)).size).toBe(3);
    for (const f of fits) expect(f.predictions).toHaveLength(300);

    // A new page: nothing in memory but what IndexedDB kept.
    await page.getByText('All changes saved').waitFor();
    await page.reload();
    await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });
    await expect.poll(() => output(page, 2).innerText()).toMatch(/^RESULT /m);

    // Each logged signature says double for the column danfojs called int32.
    for (const f of fits) {
      const inputs = await page.evaluate(async (runId) => {
        const { mlflow } = await (
          globalThis as unknown as {
            kiroku: Promise<{
              mlflow: {
                pyfunc: {
                  loadModel(u: string): Promise<{ signature: { inputs: Array<{ name: string; type: string }> } }>;
                };
              };
            }>;
          }
        ).kiroku;
        return (await mlflow.pyfunc.loadModel(`runs:/${runId}/model`)).signature.inputs;
      }, f.runId);
      expect(
        inputs.find((c) => c.name === 'total sulfur dioxide'),
        f.how,
      ).toEqual({ type: 'double', name: 'total sulfur dioxide', required: true });
    }

    // In a cell (the first one, rewritten): every model, loaded from runs:/, predicts the other file as
    // the fitted model did.
    await runInto(
      page,
      1,
      [
        "const fresh = (await loadCSV('other-wine.csv')).drop({ columns: ['quality'] });",
        'const again = [];',
        `for (const runId of ${JSON.stringify(fits.map((f) => f.runId))}) {`,
        '  const model = await mlflow.pyfunc.loadModel(`runs:/${runId}/model`);',
        '  again.push(Array.from(model.predict(fresh)));',
        '}',
        "console.log('AGAIN ' + JSON.stringify(again));",
      ].join('\n'),
    );
    expect(await printed<number[][]>(page, 1, 'AGAIN')).toEqual(fits.map((f) => f.predictions));

    // On the Predict page: the dfd.readCSV model, the other file dropped in, the download compared.
    const dfdFit = fits.find((f) => f.how === 'dfdReadCSV')!;
    await page.goto(app.url(`predict?model=${encodeURIComponent(`runs:/${dfdFit.runId}/model`)}`));
    await page
      .getByRole('status')
      .getByText(/Loaded runs:/)
      .waitFor();
    await page
      .getByLabel('Choose a CSV file')
      .setInputFiles({ name: 'other-wine.csv', mimeType: 'text/csv', buffer: Buffer.from(other) });
    const check = page.getByRole('region', { name: '3. Schema check' });
    await check
      .getByRole('row', { name: /total sulfur dioxide double double/ })
      .getByText('ok', { exact: true })
      .waitFor();
    await check.getByRole('button', { name: 'Predict' }).click();
    const results = page.getByRole('region', { name: '4. Predictions' });
    const download = page.waitForEvent('download');
    await results.getByRole('button', { name: 'Download predictions (CSV)' }).click();
    const lines = readFileSync((await (await download).path())!, 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]!.split(',').at(-1)).toBe('predictions');
    expect(lines.slice(1).map((l) => Number(l.split(',').at(-1)))).toEqual(dfdFit.predictions);
    expect(errors).toEqual([]);
    await context.close();
  });
});
