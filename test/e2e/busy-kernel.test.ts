// A CPU-bound cell does not hold up tracking reads anywhere else (issue 15, item 4): while a cell
// spins right after logging, a second tab's Experiments view lists the runs, and nothing the cell
// logged before it spun is lost.
import { describe, expect, it } from 'vitest';
import { useApp } from './page';
import { cell, newNotebook, output, runInto } from './notebook-driver';

const app = useApp();

describe('a busy kernel', () => {
  it("leaves another tab's Experiments view free to list runs while a cell spins right after logging", async () => {
    const { page: a, context, errors } = await app.open('notebook');
    await newNotebook(a);
    await runInto(
      a,
      1,
      [
        "await mlflow.setExperiment('busy');",
        'for (let r = 0; r < 3; r++) {',
        "  await mlflow.startRun({ runName: 'done-' + r }, async () => { for (let i = 0; i < 50; i++) " +
          "mlflow.logMetric('loss', i, { step: i }); });",
        '}',
        "const live = await mlflow.startRun({ runName: 'live' });",
      ].join('\n'),
    );
    await expect.poll(() => cell(a, 1).getAttribute('aria-label'), { timeout: 30_000 }).toMatch(/run 1$/);
    // Tab B has the experiment's runs view open once (so both reads below are of a view already loaded).
    const b = await context.newPage();
    await b.goto(app.url('experiments'));
    const experiments = b.getByRole('navigation', { name: 'Experiments' });
    const link = experiments.getByRole('link', { name: 'busy' });
    await link.click();
    await b.getByRole('row', { name: /done-2/ }).waitFor();
    await experiments.getByRole('link', { name: 'Default' }).click();
    await b.getByRole('heading', { level: 1, name: 'Default' }).waitFor();

    // The metric is queued; the write queue flushes it 20 ms later, and the timer below fires right
    // after that flush has opened its transaction: the cell then spins with the write in flight.
    await runInto(a, 2, "mlflow.logMetric('x', 1);\nawait new Promise((r) => setTimeout(r, 20));\nwhile (true) {}");
    await expect.poll(() => cell(a, 2).getAttribute('aria-label')).toMatch(/running$/);
    await a.getByText('Kernel busy').waitFor();

    const clicked = Date.now();
    await link.click();
    await b.getByRole('row', { name: /done-2/ }).waitFor();
    console.log(
      `second tab: runs listed ${Date.now() - clicked} ms after opening the experiment, with the kernel busy`,
    );
    expect(await b.getByRole('row', { name: /done-\d|live/ }).count()).toBe(4);
    // Still spinning: the runs were read without waiting for the cell.
    expect(await cell(a, 2).getAttribute('aria-label')).toMatch(/running$/);
    await a.getByRole('button', { name: 'Interrupt', exact: true }).click();
    await expect.poll(() => output(a, 2).innerText(), { timeout: 15_000 }).toMatch(/interrupted by the user/);
    // The same read with the kernel idle, for comparison.
    await experiments.getByRole('link', { name: 'Default' }).click();
    await b.getByRole('heading', { level: 1, name: 'Default' }).waitFor();
    const idleClick = Date.now();
    await link.click();
    await b.getByRole('row', { name: /done-2/ }).waitFor();
    console.log(
      `second tab: runs listed ${Date.now() - idleClick} ms after opening the experiment, with the kernel idle`,
    );

    // Everything logged before and during the spin is stored.
    const stored = await b.evaluate(async () => {
      const { mlflow } = await (globalThis as unknown as { kiroku: Promise<{ mlflow: any }> }).kiroku;
      const runs = await mlflow.searchRuns({ experimentNames: ['busy'], orderBy: ['attributes.run_name ASC'] });
      return Promise.all(
        runs.map(async (r: any) => [
          r.info.runName,
          (await mlflow.getMetricHistory(r.info.runId, r.info.runName === 'live' ? 'x' : 'loss')).length,
        ]),
      );
    });
    expect(stored).toEqual([
      ['done-0', 50],
      ['done-1', 50],
      ['done-2', 50],
      ['live', 1],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
