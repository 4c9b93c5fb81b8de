// Live inputs end to end below the view: the notebook controller, the real KernelHost and a Kernel in
// an in-process worker, autolog on. Moving a control reruns exactly the cells that read it, in order,
// with the new value; a new value interrupts the rerun of the one before; every settled value that gets
// to its fit is one run, and a value replaced before its fit ran is none.
import { afterEach, describe, expect, it } from 'vitest';
import { codeCell, markdownCell, newNotebook, type CodeCell } from '../../../src/notebook/document';
import { KernelHost } from '../../../src/notebook/kernel-host';
import type { ControlSpec } from '../../../src/notebook/protocol';
import { NotebookController } from '../../../src/ui/notebook/controller';
import type { Kernel } from '../../../src/ui/notebook/kernel';
import { Fluent } from '../../../src/tracking/fluent';
import { modelApi } from '../../../src/logged-model/api';
import { autolog } from '../../../src/autolog';
import { FakeWorker } from '../../notebook/fake-worker';

const CONTROL = 'application/vnd.kiroku.control+json';
let n = 0;
const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

function setup(fitCode: string) {
  const fluent = new Fluent(`memory:live-inputs-${++n}`);
  const api = Object.assign(fluent, modelApi(fluent));
  autolog(api, { silent: true, logModels: false, logDatasets: false, logInputExamples: false });
  const host = new KernelHost({
    createWorker: () => new FakeWorker(false, { mlflow: api }),
    trackingUri: api.getTrackingUri(),
    user: 'u',
    sharedInterrupt: false,
  });
  // What the controller sends, in order: the cells it ran.
  const sent: string[] = [];
  const kernel: Kernel = {
    execute: (r) => {
      sent.push(r.cellId);
      host.execute(r);
    },
    interrupt: () => host.interrupt(),
    changeControl: (c) => host.changeControl(c),
    restart: () => host.restart(),
    onMessage: (l) => host.onMessage(l),
    dispose: () => host.dispose(),
  };
  const doc = newNotebook('live', [
    codeCell('const X = [[1, 0], [2, 1], [3, 1], [4, 3], [5, 2]];\nconst y = [1.1, 2.3, 2.9, 4.2, 5.1];'),
    codeCell("const alpha = ui.slider({ min: 0.1, max: 1, step: 0.1, value: 0.5, label: 'alpha' });\nalpha"),
    markdownCell('The fit reads alpha.'),
    codeCell(fitCode),
    codeCell('const unrelated = y.length;'),
    codeCell('`model at alpha ${model.getParams().alpha}`'),
  ]);
  const controller = new NotebookController(doc, kernel, { persist: async () => {} });
  cleanup.push(() => {
    controller.dispose();
    autolog(api, { disable: true });
  });
  const ids = doc.cells.map((c) => c.id);
  const cell = (i: number) => controller.snapshot.doc.cells[i] as CodeCell;
  const counts = () => [0, 1, 3, 4, 5].map((i) => cell(i).executionCount);
  return { api, controller, sent, ids, cell, counts };
}

/** Resolves once nothing is queued or running. */
function idle(controller: NotebookController): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (Object.keys(controller.snapshot.runs).length === 0 && controller.snapshot.kernel.state === 'idle') {
        stop();
        resolve();
      }
    };
    const stop = controller.subscribe(check);
    check();
  });
}

function until(controller: NotebookController, test: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!test()) return;
      stop();
      resolve();
    };
    const stop = controller.subscribe(check);
    check();
  });
}

/** The slider drawn under a cell (its first output). */
function slider(c: CodeCell): ControlSpec {
  const out = c.outputs[0];
  if (!out || !('data' in out) || !out.data[CONTROL]) throw new Error('no control under the cell');
  return out.data[CONTROL];
}

async function alphas(api: Fluent): Promise<string[]> {
  await api.flush();
  const runs = await api.searchRuns({ orderBy: ['attributes.start_time ASC'] });
  return runs.map((r) => r.data.params.alpha!);
}

const FIT = 'const model = new ml.ElasticNet({ alpha: alpha.value }).fit(X, y);';

describe('live inputs', () => {
  it('moving a slider reruns exactly the cells that read it, in order, and each settled value is one run', async () => {
    const { api, controller, sent, ids, cell, counts } = setup(FIT);
    await until(controller, () => controller.snapshot.kernel.state === 'idle');
    controller.runAll();
    await idle(controller);
    expect(counts()).toEqual([1, 2, 3, 4, 5]);
    const spec = slider(cell(1));
    expect(controller.snapshot.controls[spec.id]).toBe(true);
    expect(await alphas(api)).toEqual(['0.5']);

    sent.length = 0;
    await controller.changeControl(spec.id, 0.8);
    await idle(controller);
    expect(sent).toEqual([ids[3], ids[5]]);
    expect(counts()).toEqual([1, 2, 6, 4, 7]);
    expect(cell(5).outputs).toEqual([
      { output_type: 'execute_result', execution_count: 7, data: { 'text/plain': "'model at alpha 0.8'" } },
    ]);
    // The stored output follows the control: a saved notebook shows where it was left.
    expect(slider(cell(1)).value).toBe(0.8);
    expect(await alphas(api)).toEqual(['0.5', '0.8']);

    // The kernel keeps values on the slider's steps; the stored output shows the value kept.
    await controller.changeControl(spec.id, 0.33);
    await idle(controller);
    expect(slider(cell(1)).value).toBe(0.3);
    expect(await alphas(api)).toEqual(['0.5', '0.8', '0.3']);
  });

  it('a new value interrupts the rerun of the one before, which logs nothing and leaves no error', async () => {
    // The fit waits first, so the second value arrives while the first one's rerun runs.
    const { api, controller, sent, ids, cell, counts } = setup(`await sleep(400);\n${FIT}`);
    await until(controller, () => controller.snapshot.kernel.state === 'idle');
    controller.runAll();
    await idle(controller);
    const id = slider(cell(1)).id;
    sent.length = 0;

    await controller.changeControl(id, 0.2);
    await until(controller, () => controller.snapshot.runs[ids[3]!] === 'running');
    await controller.changeControl(id, 0.9);
    await idle(controller);

    expect(sent).toEqual([ids[3], ids[3], ids[5]]);
    // The interrupted run of the fit left no InterruptError; the report ran once, after the last fit.
    expect(cell(3).outputs.filter((o) => o.output_type === 'error')).toEqual([]);
    expect(counts()).toEqual([1, 2, 7, 4, 8]);
    expect(cell(5).outputs[0]).toMatchObject({ data: { 'text/plain': "'model at alpha 0.9'" } });
    expect(await alphas(api)).toEqual(['0.5', '0.9']);
  });

  it('a control from a saved notebook (no kernel made it) moves nothing; a restart forgets controls', async () => {
    const { controller, cell, sent } = setup(FIT);
    await until(controller, () => controller.snapshot.kernel.state === 'idle');
    controller.run([controller.snapshot.doc.cells[1]!.id]);
    await idle(controller);
    const id = slider(cell(1)).id;
    await controller.restart();
    expect(controller.snapshot.controls).toEqual({});
    sent.length = 0;
    await controller.changeControl(id, 0.9);
    expect(sent).toEqual([]);
    expect(slider(cell(1)).value).toBe(0.5);
  });

  it('an error in a rerun stops the rest, as Run all does, and says nothing about the control', async () => {
    const { controller, cell, sent, ids } = setup(
      "if (alpha.value > 0.7) throw new Error('too strong');\nconst model = { getParams: () => ({ alpha: " +
        'alpha.value }) };',
    );
    await until(controller, () => controller.snapshot.kernel.state === 'idle');
    controller.runAll();
    await idle(controller);
    const id = slider(cell(1)).id;
    sent.length = 0;
    await controller.changeControl(id, 0.9);
    await idle(controller);
    expect(sent).toEqual([ids[3]]);
    expect(cell(3).outputs[0]).toMatchObject({ output_type: 'error', evalue: 'too strong' });
    expect(controller.snapshot.controlProblem).toBeUndefined();
  });
});
