// The Predict page as a user meets it, in Chromium: it says what the data is (double, not danfojs's
// "float32"), brings the results into view, has a Predict button worth the name, refuses a file that
// is not UTF-8 text with the reader's message, shows the first rows while a slow model predicts (with
// a Cancel that works), and never writes a formula cell back into the download. Also the two things
// around it: the Register dialog offers existing model names, and a run's dataset says where it came
// from.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './page';
import { newNotebook, runInto, output } from './notebook-driver';

const app = useApp();

function withApi<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(
    `(async () => { const kiroku = await globalThis.kiroku; const { mlflow } = kiroku; ${fn} })()`,
  ) as Promise<T>;
}

/**
 * A model of the `formula` flavor: predictions = 1 + 0.5·alcohol − pH, taking `msPerRow` of busy time
 * per row (a slow model, to see the page while it predicts). Returns the run id.
 */
async function logFormula(page: Page, msPerRow = 0): Promise<string> {
  return withApi(
    page,
    `
    mlflow.registerFlavor({
      name: 'formula',
      canSave: (m) => !!m && m.kind === 'formula',
      save: async (m) => ({ conf: { msPerRow: m.msPerRow }, files: { 'w.json': '[1, 0.5, -1]' } }),
      load: async (ctx) => {
        const w = JSON.parse(await (await ctx.read('w.json')).text());
        const slow = ctx.conf.msPerRow;
        return { raw: w, predict: (t) => {
          const until = performance.now() + t.rows * slow;
          while (performance.now() < until);
          return t.values.map((row) => w[0] + w[1] * row[0] + w[2] * row[1]);
        } };
      },
    });
    await mlflow.setExperiment('predict-page');
    return mlflow.startRun({ runName: 'formula' }, async (run) => {
      await mlflow.logModel({ kind: 'formula', msPerRow: ${msPerRow} }, 'model', {
        signature: {
          inputs: [{ name: 'alcohol', type: 'double', required: true }, { name: 'pH', type: 'double', required: true }],
          outputs: [{ type: 'double', required: true }],
        },
      });
      return run.info.runId;
    });
  `,
  );
}

async function openPredict(page: Page, runId: string): Promise<void> {
  await page.goto(app.url(`predict?model=${encodeURIComponent(`runs:/${runId}/model`)}`));
  await page
    .getByRole('status')
    .getByText(/Loaded runs:/)
    .waitFor();
}

async function pickCsv(page: Page, name: string, content: string | Buffer): Promise<void> {
  await page.getByLabel('Choose a CSV file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: typeof content === 'string' ? Buffer.from(content) : content,
  });
}

describe('the Predict page', () => {
  it('says double, has a large Predict button, and scrolls to and focuses the results', async () => {
    const { page, context, errors } = await app.open('notebook');
    await page.setViewportSize({ width: 1000, height: 600 }); // the results start below the fold
    const runId = await logFormula(page);
    await openPredict(page, runId);
    await pickCsv(page, 'wine.csv', 'alcohol,pH,quality\n9.4,3.51,5\n9.8,3.2,5\n10,3.26,6\n');
    const check = page.getByRole('region', { name: '3. Schema check' });
    await check
      .getByRole('row', { name: /alcohol double double/ })
      .getByText('ok', { exact: true })
      .waitFor();
    expect(await check.innerText()).not.toMatch(/float32|int32/);
    const predict = check.getByRole('button', { name: 'Predict' });
    const box = (await predict.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(40);
    expect(box.width).toBeGreaterThanOrEqual(100);
    await predict.click();
    const heading = page.getByRole('heading', { name: '4. Predictions' });
    await expect.poll(() => heading.evaluate((h) => document.activeElement === h)).toBe(true);
    await expect
      .poll(() =>
        heading.evaluate((h) => {
          const r = h.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= window.innerHeight;
        }),
      )
      .toBe(true);
    const table = page.getByRole('region', { name: 'Predictions beside the inputs' });
    expect(await table.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual([
      '2.19',
      '9.4',
      '3.51',
      '5',
    ]); // 1 + 0.5·9.4 − 3.51, shown to 4 digits
    expect(errors).toEqual([]);
    await context.close();
  });

  it("refuses a file that is not UTF-8 text with the reader's message, naming the line", async () => {
    const { page, context } = await app.open('notebook');
    const runId = await logFormula(page);
    await openPredict(page, runId);
    // "café" in Latin-1 on line 3: a lossy read would have shown garbage as data.
    const latin1 = Buffer.concat([
      Buffer.from('alcohol,pH,name\n9.4,3.5,ab\n9.8,3.2,caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    await pickCsv(page, 'latin1.csv', latin1);
    await page
      .getByRole('alert')
      .getByText('"latin1.csv" is not valid UTF-8 text (the first undecodable byte is on line 3).', { exact: false })
      .waitFor();
    // A binary file is an encoding error too, not a "field count".
    await pickCsv(
      page,
      'image.csv',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x00]),
    );
    await page
      .getByRole('alert')
      .getByText(/"image\.csv" is not valid UTF-8 text/)
      .waitFor();
    expect(await page.getByRole('region', { name: '3. Schema check' }).count()).toBe(0);
    await context.close();
  });

  it('writes formula cells back neutralized, as OWASP recommends', async () => {
    const { page, context, errors } = await app.open('notebook');
    const runId = await logFormula(page);
    await openPredict(page, runId);
    await pickCsv(
      page,
      'links.csv',
      'alcohol,pH,note\n9.4,3.51,"=HYPERLINK(""http://evil.example"",""click"")"\n9.8,3.2,@SUM(A1)\n10,3.26,-1.5\n',
    );
    await page.getByRole('region', { name: '3. Schema check' }).getByRole('button', { name: 'Predict' }).click();
    const results = page.getByRole('region', { name: '4. Predictions' });
    const download = page.waitForEvent('download');
    await results.getByRole('button', { name: 'Download predictions (CSV)' }).click();
    const text = readFileSync((await (await download).path())!, 'utf8');
    const f = (alcohol: number, pH: number) => String(1 + 0.5 * alcohol - pH);
    expect(text.split('\n').slice(0, 4)).toEqual([
      'alcohol,pH,note,predictions',
      `9.4,3.51,"'=HYPERLINK(""http://evil.example"",""click"")",${f(9.4, 3.51)}`,
      `9.8,3.2,"'@SUM(A1)",${f(9.8, 3.2)}`,
      `10,3.26,-1.5,${f(10, 3.26)}`,
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the first rows while a slow model predicts, with progress, and cancels', async () => {
    const { page, context, errors } = await app.open('notebook');
    const runId = await logFormula(page, 0.05); // 60,000 rows ≈ 3 s of predicting, in blocks: time to see it and cancel
    await openPredict(page, runId);
    const lines = ['alcohol,pH'];
    for (let i = 0; i < 60_000; i++) lines.push(`${9 + (i % 50) / 10},${3 + (i % 7) / 10}`);
    await pickCsv(page, 'many.csv', lines.join('\n'));
    await page.getByRole('status').getByText('many.csv: 60,000 rows, 2 columns.').waitFor();
    await page.getByRole('region', { name: '3. Schema check' }).getByRole('button', { name: 'Predict' }).click();
    const results = page.getByRole('region', { name: '4. Predictions' });
    // The first block's rows are on screen while the rest is predicted.
    await results.getByRole('progressbar', { name: 'Prediction progress' }).waitFor();
    expect(
      await results
        .getByRole('region', { name: 'Predictions beside the inputs' })
        .getByRole('row')
        .nth(1)
        .getByRole('cell')
        .first()
        .textContent(),
    ).toBe('2.5'); // 1 + 0.5·9 − 3
    expect(await results.getByRole('button', { name: 'Download predictions (CSV)' }).isDisabled()).toBe(true);
    await results.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('status').getByText('Prediction cancelled.').waitFor();
    expect(await page.getByRole('region', { name: '4. Predictions' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('around the Predict page', () => {
  it("offers existing model names when registering, and shows where a run's dataset came from", async () => {
    const { page, context, errors } = await app.open('notebook');
    await newNotebook(page);
    await runInto(
      page,
      1,
      [
        'mlflow.autolog();',
        'const X = toTable({ alcohol: [9.4, 9.8, 10.5, 11, 12.5], pH: [3.5, 3.2, 3.3, 3.1, 3.4] });',
        'new ElasticNet({ alpha: 0.01 }).fit(X, [5, 5, 6, 6, 7]);',
        'new ElasticNet({ alpha: 0.1 }).fit(X, [5, 5, 6, 6, 7]);',
        'await mlflow.flush();',
        "const runs = await mlflow.searchRuns({ orderBy: ['attributes.start_time ASC'] });",
        "await mlflow.registerModel(`runs:/${runs[0].info.runId}/model`, 'wine');",
        "console.log('RUN ' + runs[1].info.runId + ' ' + runs[1].info.experimentId);",
      ].join('\n'),
    );
    await expect.poll(() => output(page, 1).innerText(), { timeout: 60_000 }).toMatch(/RUN [0-9a-f]{32} \d+/);
    const [, runId, experimentId] = /RUN ([0-9a-f]{32}) (\d+)/.exec(await output(page, 1).innerText())!;

    // The second run's page: its dataset came from this notebook's code.
    await page.goto(app.url(`experiments/${experimentId}/runs/${runId}`));
    const dataset = page.getByRole('article', { name: 'Dataset dataset' });
    await dataset.getByText('Code, in Untitled').waitFor();
    expect(await dataset.innerText()).not.toContain('{}');

    // Registering its model offers the name already in the registry.
    await page.goto(app.url(`experiments/${experimentId}/runs/${runId}/artifacts?path=model/MLmodel`));
    await page.getByRole('button', { name: 'Register model' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register model' });
    const name = dialog.getByRole('combobox', { name: /Registered model name/ });
    await expect
      .poll(() => name.evaluate((input) => Array.from((input as HTMLInputElement).list?.options ?? [], (o) => o.value)))
      .toEqual(['wine']);
    await name.fill('wine');
    await dialog.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('status').getByRole('link', { name: 'wine version 2' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
