// The tracking UI in Chromium, driven as a user would: by role and accessible name. Runs are seeded
// through the public API in the page (`globalThis.kiroku`), as a notebook would log them.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp, withoutRefusedInlineHandlers } from './page';

const app = useApp();

function withApi<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(
    `(async () => { const kiroku = await globalThis.kiroku; const { mlflow } = kiroku; ${fn} })()`,
  ) as Promise<T>;
}

const MLMODEL = `artifact_path: model
flavors:
  python_function:
    loader_module: kiroku.estimator
  kiroku:
    estimator: ElasticNet
run_id: RUN_ID
signature:
  inputs: '[{"type": "double", "name": "fixed acidity", "required": true},
    {"type": "double", "name": "alcohol", "required": true}]'
  outputs: '[{"type": "double", "required": true}]'
  params: null
utc_time_created: '2024-05-01 10:00:00.000000'
`;

/** Three ElasticNet runs in "wine" (one with a nested child), with params, metrics, artifacts and a model. */
async function seed(page: Page): Promise<{ ids: string[]; experimentId: string }> {
  return withApi(
    page,
    `
    const exp = await mlflow.setExperiment('wine');
    const ids = [];
    const grid = [[0.02, 0.5, 0.36], [0.5, 0.5, 0.21], [0.02, 0.1, 0.28]];
    for (const [alpha, l1, r2] of grid) {
      const id = await mlflow.startRun({ runName: 'enet-' + alpha + '-' + l1 }, async (run) => {
        await mlflow.logParams({ alpha, l1_ratio: l1 });
        for (let i = 0; i < 50; i++) mlflow.logMetric('loss', (1 + alpha) / (i + 1), { step: i });
        await mlflow.logMetric('training_r2_score', r2);
        await mlflow.setTag('team', 'ml');
        await mlflow.logText('trained on winequality-red.csv', 'notes/readme.txt');
        await mlflow.logText(${JSON.stringify(MLMODEL)}.replace('RUN_ID', run.info.runId), 'model/MLmodel');
        await mlflow.logText('a,b\\n1,2\\n3,4\\n', 'data/sample.csv');
        if (alpha === 0.5) {
          await mlflow.startRun({ runName: 'fold-1', nested: true }, async () => {
            await mlflow.logMetric('training_r2_score', 0.2);
          });
        }
        return run.info.runId;
      });
      ids.push(id);
    }
    await mlflow.flush();
    return { ids, experimentId: exp.experimentId };
  `,
  );
}

/** Run names in the runs table, top to bottom. */
async function runNames(page: Page): Promise<string[]> {
  return page.getByRole('region', { name: 'Runs table' }).locator('tbody th[scope=row] a').allTextContents();
}

describe('tracking UI in Chromium', () => {
  it('lists runs with params and metrics, filters with the grammar, marks a bad filter, sorts', async () => {
    const { page, context, errors } = await app.open('notebook');
    const { experimentId } = await seed(page);
    await page.goto(app.url(`experiments/${experimentId}`));
    await page.getByRole('heading', { level: 1, name: 'wine' }).waitFor();
    const row = page.getByRole('row', { name: /enet-0\.02-0\.5/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['FINISHED', '0.02', '0.5', '0.36']),
    );
    expect(await runNames(page)).toHaveLength(3); // the nested run is folded under its parent

    const filter = page.getByRole('searchbox', { name: 'Filter runs' });
    await filter.fill("metrics.training_r2_score > 0.3 and params.alpha = '0.02'");
    await expect.poll(() => runNames(page)).toEqual(['enet-0.02-0.5']);
    expect(page.url()).toContain('filter=');

    await filter.fill('metrics.training_r2_score >> 0.3');
    await filter.press('Enter');
    const alert = page.locator('#runs-filter-error');
    await alert.getByText(/at position \d+/).waitFor();
    // The parser stops at the second '>': that character is marked, in the filter's own text.
    expect(await alert.locator('pre').textContent()).toBe('metrics.training_r2_score >> 0.3');
    expect(await alert.locator('mark').textContent()).toBe('>');
    expect(await alert.getByText(/Expected a value after '>'/).count()).toBe(1);
    expect(await filter.getAttribute('aria-invalid')).toBe('true');
    expect(await runNames(page)).toEqual(['enet-0.02-0.5']); // the last valid filter still applies

    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => runNames(page)).toHaveLength(3);

    const header = page.getByRole('columnheader', { name: /training_r2_score/ });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await runNames(page)).toEqual(['enet-0.5-0.5', 'enet-0.02-0.1', 'enet-0.02-0.5']);
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await runNames(page)).toEqual(['enet-0.02-0.5', 'enet-0.02-0.1', 'enet-0.5-0.5']);

    // Nested runs: expand the parent to see its child.
    await page.getByRole('button', { name: 'Show 1 child run of enet-0.5-0.5' }).click();
    expect(await runNames(page)).toEqual(['enet-0.02-0.5', 'enet-0.02-0.1', 'enet-0.5-0.5', 'fold-1']);

    // Live: a run logged now appears without a reload.
    await withApi(
      page,
      `await mlflow.startRun({ runName: 'late-run' }, async () => { await mlflow.logMetric('training_r2_score', ` +
        `0.9); });`,
    );
    await page.getByRole('row', { name: /late-run/ }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('puts metrics first under Metrics / Parameters / Tags; run name and selection stay in view scrolled', async () => {
    const { page, context, errors } = await app.open('notebook');
    const { experimentId } = await seed(page);
    // Many long parameter names: the table is far wider than the page.
    await withApi(
      page,
      `
      await mlflow.startRun({ runName: 'wide-run' }, async () => {
        for (let i = 0; i < 16; i++) await mlflow.logParam('preprocessing_step_' + i + '_strategy', 'median');
        await mlflow.logMetric('training_r2_score', 0.5);
      });
      await mlflow.flush();`,
    );
    await page.goto(app.url(`experiments/${experimentId}`));
    const table = page.getByRole('region', { name: 'Runs table' });
    await table.getByRole('row', { name: /wide-run/ }).waitFor();
    const [groups, headers] = [table.getByRole('row').nth(0), table.getByRole('row').nth(1)];
    expect(await groups.getByRole('columnheader').allTextContents()).toEqual(['Metrics', 'Parameters', 'Tags']);
    const labels = (await headers.getByRole('columnheader').allTextContents()).map((t) =>
      t.replace(/[▲▼]/g, '').trim(),
    );
    const at = (pattern: RegExp) => labels.findIndex((l) => pattern.test(l));
    expect(at(/training_r2_score \(metric\)/)).toBeGreaterThan(at(/^Run name$/));
    expect(at(/loss \(metric\)/)).toBeLessThan(at(/alpha \(parameter\)/));
    expect(at(/preprocessing_step_9_strategy \(parameter\)/)).toBeLessThan(at(/team \(tag\)/));

    // Scrolled right to the end: each row still shows its checkbox and its name, uncovered, at the left.
    await table.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(() => table.evaluate((el) => el.scrollLeft)).toBeGreaterThan(1000);
    const box = (await table.boundingBox())!;
    for (const name of ['wide-run', 'enet-0.02-0.5']) {
      const row = table.getByRole('row', { name: new RegExp(name) });
      const link = row.getByRole('link', { name, exact: true });
      const checkbox = row.getByRole('checkbox', { name: `Select ${name}` });
      const [l, c] = [(await link.boundingBox())!, (await checkbox.boundingBox())!];
      expect(c.x).toBeGreaterThanOrEqual(box.x);
      expect(c.x + c.width).toBeLessThanOrEqual(box.x + 40);
      expect(l.x).toBeGreaterThanOrEqual(box.x + 40);
      expect(l.x).toBeLessThan(box.x + 300);
      // What is drawn at the link's centre is the link itself (no scrolled cell on top of it).
      expect(
        await link.evaluate((a) => {
          const r = a.getBoundingClientRect();
          return a.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
        }),
      ).toBe(true);
    }
    await table
      .getByRole('row', { name: /wide-run/ })
      .getByRole('checkbox')
      .check();
    expect(await table.getByRole('row', { name: /wide-run/ }).getAttribute('aria-selected')).toBe('true');
    await table.getByRole('link', { name: 'wide-run', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'wide-run' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a run: overview, metric charts, artifacts with previews and the model signature, tag editing', async () => {
    const { page, context, errors } = await app.open('notebook');
    const { ids, experimentId } = await seed(page);
    await page.goto(app.url(`experiments/${experimentId}`));
    await page.getByRole('link', { name: 'enet-0.02-0.5' }).click();
    await page.getByRole('heading', { level: 1, name: 'enet-0.02-0.5' }).waitFor();
    expect(page.url()).toContain(`/runs/${ids[0]}`);
    await page.getByText(ids[0]!, { exact: true }).waitFor();
    const params = page.getByRole('region', { name: /Parameters/ });
    expect(await params.getByRole('row', { name: /alpha/ }).textContent()).toContain('0.02');
    await page
      .getByRole('region', { name: /Metrics/ })
      .getByRole('img', { name: /loss history: 50 values/ })
      .waitFor();

    // Tags: add, edit, delete; system tags are apart and read-only.
    const tags = page.getByRole('region', { name: /^Tags/ });
    await tags.getByRole('textbox', { name: 'New tag key' }).fill('stage');
    await tags.getByRole('textbox', { name: 'New tag value' }).fill('candidate');
    await tags.getByRole('button', { name: 'Add tag' }).click();
    await tags.getByRole('row', { name: /stage candidate/ }).waitFor();
    await tags.getByRole('button', { name: 'Edit tag stage' }).click();
    await tags.getByRole('textbox', { name: 'Value of tag stage' }).fill('production');
    await tags.getByRole('button', { name: 'Save' }).click();
    await tags.getByRole('row', { name: /stage production/ }).waitFor();
    await tags.getByRole('button', { name: 'Delete tag team' }).click();
    await expect.poll(() => tags.getByRole('row', { name: /team/ }).count()).toBe(0);
    expect(await tags.getByRole('button', { name: /Edit tag mlflow\./ }).count()).toBe(0);
    expect(await withApi(page, `return (await mlflow.getRun('${ids[0]}')).data.tags.stage;`)).toBe('production');

    // Description: markdown, rendered sanitized.
    await page.getByRole('button', { name: 'Add a description' }).click();
    await page
      .getByRole('textbox', { name: 'Description (markdown)' })
      .fill('**Best** so far <img src=x onerror="window.pwned=1">');
    await page.getByRole('button', { name: 'Save description' }).click();
    await page.locator('.markdown strong', { hasText: 'Best' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('.markdown img[onerror]').count()).toBe(0);

    // Metric charts.
    await page
      .getByRole('navigation', { name: 'Run sections' })
      .getByRole('link', { name: /Metric charts/ })
      .click();
    await page.getByRole('figure', { name: 'loss' }).locator('canvas').first().waitFor();
    await page.getByRole('checkbox', { name: 'Log scale' }).check();
    await page.getByRole('figure', { name: 'loss' }).locator('canvas').first().waitFor();

    // Artifacts: the model's MLmodel first, with its signature and prediction snippet; text and CSV previews.
    await page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name: 'Artifacts' }).click();
    await page.getByRole('heading', { name: 'model/MLmodel' }).waitFor();
    const inputs = page.getByRole('region', { name: 'Inputs' });
    await inputs.getByRole('rowheader', { name: 'alcohol' }).waitFor();
    expect(await inputs.getByRole('rowheader').allTextContents()).toEqual(['fixed acidity', 'alcohol']);
    expect(await page.locator('pre code', { hasText: 'loadModel' }).textContent()).toContain(
      `mlflow.pyfunc.loadModel('runs:/${ids[0]}/model')`,
    );
    const files = page.getByRole('navigation', { name: 'Artifact files' });
    await files.getByRole('button', { name: /notes/ }).click();
    await files.getByRole('link', { name: /readme\.txt/ }).click();
    await page.getByText('trained on winequality-red.csv').waitFor();
    await files.getByRole('button', { name: /data/ }).click();
    await files.getByRole('link', { name: /sample\.csv/ }).click();
    await page.getByRole('region', { name: 'Contents of data/sample.csv' }).getByRole('cell', { name: '4' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download data/sample.csv' }).click();
    expect((await download).suggestedFilename()).toBe('sample.csv');
    expect(withoutRefusedInlineHandlers(errors)).toEqual([]); // the description's onerror, dropped by DOMPurify
    await context.close();
  });

  it('compares two runs side by side with only the differences, and charts them', async () => {
    const { page, context, errors } = await app.open('notebook');
    const { experimentId } = await seed(page);
    await page.goto(app.url(`experiments/${experimentId}`));
    await page.getByRole('checkbox', { name: 'Select enet-0.02-0.5' }).check();
    await page.getByRole('checkbox', { name: 'Select enet-0.5-0.5' }).check();
    await page.getByRole('button', { name: 'Compare 2 runs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comparing 2 runs' }).waitFor();
    const table = page.getByRole('region', { name: 'Comparison table' });
    await table.getByRole('columnheader', { name: 'enet-0.5-0.5' }).waitFor();
    expect(
      await table
        .getByRole('row', { name: /^alpha/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['0.02', '0.5']);
    await table.getByRole('row', { name: /^l1_ratio/ }).waitFor();
    await page.getByRole('checkbox', { name: 'Only differences' }).check();
    await expect.poll(() => table.getByRole('row', { name: /^l1_ratio/ }).count()).toBe(0);
    await page.getByRole('img', { name: /Parallel coordinates: 2 runs/ }).waitFor();
    await page.getByRole('figure', { name: 'loss against alpha' }).locator('canvas').first().waitFor();
    await page.getByRole('combobox', { name: 'Y axis' }).selectOption({ label: 'training_r2_score (metric)' });
    await page.getByRole('figure', { name: 'training_r2_score against alpha' }).locator('canvas').first().waitFor();
    await page.getByRole('figure', { name: 'loss by run' }).locator('canvas').first().waitFor();
    const png = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save Parallel coordinates as PNG' }).click();
    expect((await png).suggestedFilename()).toBe('Parallel_coordinates.png');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('deletes and restores runs in the table, lists several experiments together, updates a live run', async () => {
    const { page, context, errors } = await app.open('notebook');
    const { experimentId } = await seed(page);
    await page.goto(app.url(`experiments/${experimentId}`));
    await page.getByRole('checkbox', { name: 'Select enet-0.02-0.1' }).check();
    await page.getByRole('toolbar', { name: 'Runs actions' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => runNames(page)).toEqual(['enet-0.5-0.5', 'enet-0.02-0.5']); // newest first
    await page.getByRole('checkbox', { name: 'Show deleted runs' }).check();
    await page
      .getByRole('row', { name: /enet-0\.02-0\.1/ })
      .getByText('deleted')
      .waitFor();
    expect(page.url()).toContain('deleted=1');
    await page.getByRole('checkbox', { name: 'Select enet-0.02-0.1' }).check();
    await page.getByRole('toolbar', { name: 'Runs actions' }).getByRole('button', { name: 'Restore' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: /enet-0\.02-0\.1/ })
          .getByText('deleted')
          .count(),
      )
      .toBe(0);

    // Several experiments side by side: the Default experiment's runs join, with an Experiment column.
    await withApi(
      page,
      `await mlflow.setExperiment('Default'); await mlflow.startRun({ runName: 'default-run' }, async () => {});`,
    );
    await page
      .getByRole('navigation', { name: 'Experiments' })
      .getByRole('checkbox', { name: 'Show runs of Default' })
      .check();
    await page.getByRole('heading', { level: 1, name: '2 experiments' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`#/experiments/${experimentId},0`));
    await page.getByRole('columnheader', { name: 'Experiment' }).waitFor();
    expect(
      await page
        .getByRole('row', { name: /default-run/ })
        .getByRole('cell', { name: 'Default', exact: true })
        .count(),
    ).toBe(1);

    // A running run's chart follows what it logs.
    const runId = await withApi<string>(
      page,
      `
      await mlflow.setExperiment('wine');
      const run = await mlflow.startRun({ runName: 'live' });
      for (let i = 0; i < 10; i++) mlflow.logMetric('acc', i / 10, { step: i });
      await mlflow.flush();
      return run.info.runId;
    `,
    );
    await page.goto(app.url(`experiments/${experimentId}/runs/${runId}/metrics`));
    await page.getByRole('img', { name: /^acc: 1 series, 10 points/ }).waitFor();
    await withApi(
      page,
      `for (let i = 10; i < 25; i++) mlflow.logMetric('acc', i / 25, { step: i }); await mlflow.flush();`,
    );
    await page.getByRole('img', { name: /^acc: 1 series, 25 points/ }).waitFor();
    await withApi(page, `await mlflow.endRun();`);
    await page.getByRole('heading', { level: 1, name: 'live' }).locator('..').getByText('FINISHED').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('creates, renames, deletes and restores experiments', async () => {
    const { page, context, errors } = await app.open('experiments');
    const sidebar = page.getByRole('navigation', { name: 'Experiments' });
    await sidebar.getByRole('button', { name: 'New experiment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New experiment' });
    await dialog.getByRole('textbox', { name: 'Experiment name' }).fill('<b>iris</b>');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name: '<b>iris</b>' }).waitFor(); // user text stays text

    await sidebar.getByRole('button', { name: 'Rename experiment <b>iris</b>' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename experiment' });
    await rename.getByRole('textbox', { name: 'New name' }).fill('Default');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await rename.getByRole('alert').waitFor(); // the name is taken: said in the dialog
    await rename.getByRole('textbox', { name: 'New name' }).fill('iris');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await sidebar.getByRole('link', { name: 'iris', exact: true }).waitFor();

    await sidebar.getByRole('button', { name: 'Delete experiment iris' }).click();
    await page.getByRole('dialog', { name: 'Delete experiment' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => sidebar.getByRole('link', { name: 'iris', exact: true }).count()).toBe(0);
    await page.getByRole('heading', { level: 1, name: 'Default' }).waitFor();

    await sidebar.getByRole('checkbox', { name: /Show deleted experiments/ }).check();
    await sidebar.getByRole('button', { name: 'Restore experiment iris' }).click();
    await sidebar.getByRole('button', { name: 'Delete experiment iris' }).waitFor();
    expect(await withApi(page, `return (await mlflow.getExperimentByName('iris')).lifecycleStage;`)).toBe('active');
    expect(errors).toEqual([]);
    await context.close();
  });
});
