// A misbehaving MLflow tracking server, in Chromium, against the app switched to it (Settings →
// Tracking server): a run whose start_time is not a number, pages that never end, an artifact folder
// that contains itself, a server that hangs after the connection check — each shown as what it is, with
// the app still usable; and the token, kept in memory only: asked for again after a reload and found
// nowhere in the Chromium profile on disk. Each test checks that this browser's own data is unchanged.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { useApp } from './page';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { expectKept, storedRecords, type Stored } from './stored';
import {
  startMlflowTestServer,
  type MlflowTestServer,
  type MlflowTestServerOptions,
} from '../interop/mlflow-test-server';
import { Fluent } from '../../src/tracking/fluent';
import '../../src/interop/rest/schemes';

const app = useApp();
let server: MlflowTestServer;
let options: MlflowTestServerOptions;
let teamRun: string;
let oddRun: string;

beforeEach(async () => {
  options = { cors: true };
  server = await startMlflowTestServer(options);
  // A teammate's runs, logged from Node; one of them later gets a start_time that is not a number.
  const fluent = new Fluent('memory:teammate');
  fluent.setTrackingUri(server.url, { retries: 0 });
  await fluent.setExperiment('team');
  teamRun = await fluent.startRun({ runName: 'fine' }, async (run) => {
    await fluent.logMetric('rmse', 0.6);
    await fluent.logText('hello', 'notes/hello.txt');
    return run.info.runId;
  });
  oddRun = await fluent.startRun({ runName: 'odd' }, async (run) => run.info.runId);
});
afterEach(async () => {
  await server.close();
});

/** The app on the server, after this browser stored a run of its own; returns what was stored. */
async function onServer(page: Page, token = ''): Promise<Stored> {
  await page.evaluate(`(async () => {
    const { mlflow } = await globalThis.kiroku;
    await mlflow.setExperiment('local-only');
    await mlflow.startRun({ runName: 'local-run' }, async () => { await mlflow.logParam('alpha', 1); });
  })()`);
  const before = await storedRecords(page);
  const section = page.getByRole('region', { name: 'Tracking server' });
  await section.getByLabel('Tracking server URL').fill(server.url);
  if (token) await section.getByLabel('Token (optional, kept in memory only)').fill(token);
  await section.getByRole('button', { name: 'Use this server' }).click();
  await page.getByRole('link', { name: `MLflow server: ${new URL(server.url).host}` }).waitFor();
  return before;
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
const experiment = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Experiments' }).getByRole('link', { name });

describe('a misbehaving tracking server', () => {
  it("shows a run whose start_time is not a number with '—', and navigation keeps working", async () => {
    const { page, context, errors } = await app.open('settings');
    server.runs.get(oddRun)!.info.start_time = 'yesterday' as unknown as number;
    const before = await onServer(page);
    await nav(page, 'Experiments');
    await experiment(page, 'team').click();
    const row = page.getByRole('row', { name: /odd/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toContain('—');
    await page.getByRole('row', { name: /fine/ }).waitFor();
    await row.getByRole('link', { name: 'odd' }).click();
    await page.getByRole('heading', { level: 1, name: 'odd' }).waitFor();
    expect(await page.locator('dt:text-is("Created") + dd').innerText()).toBe('—');
    await nav(page, 'Models');
    await page.getByRole('heading', { level: 1, name: /Models/ }).waitFor();
    await nav(page, 'Experiments');
    await experiment(page, 'team').click();
    await page.getByRole('row', { name: /fine/ }).waitFor();
    await switchBack(page, before);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stops pages that never end and a folder that contains itself, saying so, after a few requests', async () => {
    const { page, context, errors } = await app.open('settings');
    const before = await onServer(page);
    await nav(page, 'Experiments');
    await experiment(page, 'team').click();
    await page.getByRole('row', { name: /fine/ }).getByRole('link', { name: 'fine' }).click();
    await page.getByRole('heading', { level: 1, name: 'fine' }).waitFor();

    // Calls of one kind since a point (the views shown before keep polling the server meanwhile).
    const callsOf = (path: string, since: number) => server.calls.slice(since).filter((c) => c.endsWith(path)).length;

    // Pages that never end: the runs view and the experiment list say so.
    let start = server.calls.length;
    options.misbehave = { endlessPages: 'fresh' };
    await nav(page, 'Experiments');
    await page
      .getByRole('alert')
      .filter({ hasText: 'Could not read experiments: The answers to experiments/search never end' })
      .waitFor();
    expect(callsOf('/experiments/search', start)).toBeLessThan(12);

    // A folder that contains itself: the artifacts tab says so, after one listing per level it allows.
    start = server.calls.length;
    options.misbehave = { folderContainingItself: { name: 'loop', kind: 'nested' } };
    await page.goto(app.url(`experiments/${server.runs.get(teamRun)!.info.experiment_id}/runs/${teamRun}/artifacts`));
    await page.getByRole('link', { name: `MLflow server: ${new URL(server.url).host}` }).waitFor();
    await page
      .getByRole('alert')
      .filter({ hasText: "Could not list the artifacts: The server's artifact folders go deeper than 32 levels" })
      .waitFor();
    expect(callsOf('/artifacts/list', start)).toBeLessThan(40);

    options.misbehave = undefined;
    await switchBack(page, before);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a server that hangs after the connection check: "Loading…" with Cancel; the app is usable at once', async () => {
    const { page, context, errors } = await app.open('settings');
    const before = await onServer(page);
    server.failures.push({ match: 'POST /api/2.0/mlflow/runs/search', hang: true, times: 1000 });
    await nav(page, 'Experiments');
    await experiment(page, 'team').click();
    const host = new URL(server.url).host;
    const waiting = page.getByRole('status').filter({ hasText: `Loading… waiting for ${host}` });
    await waiting.waitFor();
    await waiting.getByRole('button', { name: 'Cancel' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: `Could not read runs: Cancelled: stopped waiting for ${host}.` })
      .waitFor();
    await waiting.waitFor({ state: 'detached' });
    // When the server answers again, opening the experiment again shows its runs.
    server.failures.length = 0;
    await nav(page, 'Models');
    await nav(page, 'Experiments');
    await experiment(page, 'team').click();
    await page.getByRole('row', { name: /fine/ }).waitFor();
    await switchBack(page, before);
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });
});

async function switchBack(page: Page, before: Stored): Promise<void> {
  await page.getByRole('link', { name: /^MLflow server:/ }).click();
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Use this browser instead' }).click(),
  ]);
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  expectKept(before, await storedRecords(page));
}

/** Every file under `dir` that holds `needle` (as UTF-8 or UTF-16, as Chromium's stores keep strings). */
async function filesHolding(dir: string, needle: string): Promise<string[]> {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  const found: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const name of await readdir(d)) {
      const p = join(d, name);
      const s = await stat(p).catch(() => null);
      if (!s) continue;
      if (s.isDirectory()) await walk(p);
      else if (s.isFile()) {
        const bytes = await readFile(p).catch(() => Buffer.alloc(0));
        if (forms.some((f) => bytes.includes(f))) found.push(p.slice(dir.length + 1));
      }
    }
  };
  await walk(dir);
  return found;
}

describe('the tracking-server token', () => {
  it('is kept in memory only: asked for again after a reload, and nowhere in the profile on disk', async () => {
    const token = `tok-${randomUUID()}`;
    options.auth = { token };
    const profile = await mkdtemp(join(tmpdir(), 'kiroku-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${inject('baseUrl')}#/settings`);
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      const before = await onServer(page, token);
      await nav(page, 'Experiments');
      await experiment(page, 'team').click();
      await page.getByRole('row', { name: /fine/ }).waitFor();
      expect(
        await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })),
      ).not.toContain(token);

      // After a reload the page asks for it before showing anything of the server.
      const sent = server.authorizations.length;
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Token for the MLflow tracking server' }).waitFor();
      expect(server.authorizations.length).toBe(sent);
      await page.getByLabel(`Token for ${server.url}`).fill('wrong');
      await page.getByRole('button', { name: 'Use the server' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: `Could not use ${server.url}: 401` })
        .waitFor();
      await page.getByLabel(`Token for ${server.url}`).fill(token);
      await page.getByRole('button', { name: 'Use the server' }).click();
      await page.getByRole('link', { name: `MLflow server: ${new URL(server.url).host}` }).waitFor();
      await nav(page, 'Experiments');
      await experiment(page, 'team').click();
      await page.getByRole('row', { name: /fine/ }).waitFor();
      expect(server.authorizations.slice(sent).filter((a) => a !== `Bearer ${token}` && a !== 'Bearer wrong')).toEqual(
        [],
      );
      expectKept(before, await storedRecords(page));
      expect(errors).toEqual([]);
    } finally {
      await context.close(); // the browser writes what it keeps (Session Storage among it) to the profile
    }
    try {
      expect(await filesHolding(profile, token)).toEqual([]);
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});
