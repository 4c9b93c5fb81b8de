// The recorder stores and announces the run autolog starts through the tracking client only: whether the
// run is created when the fit first logs (per-epoch metrics) or with everything else at its end, anyone
// listening to the client's events (the notebook links a run under its cell so) hears of it once.
import { afterEach, describe, expect, it } from 'vitest';
import { FitRecorder } from '../../src/autolog/fit-recorder';
import { DEFAULTS } from '../../src/autolog/options';
import { subscribe, type TrackingMessage } from '../../src/tracking/events';
import { autologged } from './helpers';

describe('FitRecorder', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  function heard(uri: string): TrackingMessage[] {
    const seen: TrackingMessage[] = [];
    stop = subscribe((m) => {
      if (m.store === uri) seen.push(m);
    });
    return seen;
  }

  it('announces a run created while the fit logs exactly once, under the id it is stored with', async () => {
    const api = autologged({ silent: true });
    const seen = heard(api.client().store.uri);
    const recorder = new FitRecorder(api, { ...DEFAULTS, silent: true }, 'kiroku_ml');
    await recorder.logMetric('loss', 0.5, 0);
    await recorder.logMetric('loss', 0.25, 1);
    await recorder.finish({ params: { alpha: '0.1' }, metrics: { score: 0.9 }, tags: {} }, 'FINISHED');
    const created = seen.filter((m) => m.type === 'run-created');
    expect(created).toEqual([
      { type: 'run-created', runId: recorder.runId, experimentId: '0', store: api.client().store.uri },
    ]);
    const run = await api.getRun(recorder.runId);
    expect(run.info.status).toBe('FINISHED');
    expect(run.data.params).toEqual({ alpha: '0.1' });
    expect((await api.getMetricHistory(recorder.runId, 'loss')).map((m) => m.value)).toEqual([0.5, 0.25]);
  });

  it('announces a run created whole at the end of the fit exactly once', async () => {
    const api = autologged({ silent: true });
    const seen = heard(api.client().store.uri);
    const recorder = new FitRecorder(api, { ...DEFAULTS, silent: true }, 'kiroku_ml');
    await recorder.finish({ params: {}, metrics: { score: 1 }, tags: {} }, 'FINISHED');
    expect(seen.filter((m) => m.type === 'run-created').map((m) => (m as { runId: string }).runId)).toEqual([
      recorder.runId,
    ]);
    expect((await api.getRun(recorder.runId)).data.metrics).toEqual({ score: 1 });
  });

  it('creates nothing in a run the user started, and the client announces nothing as created', async () => {
    const api = autologged({ silent: true });
    const run = await api.startRun();
    const seen = heard(api.client().store.uri);
    const recorder = new FitRecorder(api, { ...DEFAULTS, silent: true }, 'kiroku_ml');
    await recorder.logMetric('loss', 1, 0);
    await recorder.finish({ params: { k: '3' }, metrics: {}, tags: {} }, 'FINISHED');
    await api.endRun();
    expect(recorder.runId).toBe(run.info.runId);
    expect(seen.filter((m) => m.type === 'run-created')).toEqual([]);
    expect((await api.getRun(run.info.runId)).data.params).toEqual({ k: '3' });
  });
});
