// Cutting a LogBatch into runs/log-batch requests within MLflow's documented limits.
import { describe, expect, it } from 'vitest';
import { LOG_BATCH_LIMITS, logBatchRequests } from '../../src/interop/rest/log-batch';

const RUN = 'f'.repeat(32);
const size = (body: unknown) => new TextEncoder().encode(JSON.stringify(body)).length;
const counts = (body: Record<string, unknown[] | undefined>) => [
  body.params?.length ?? 0,
  body.tags?.length ?? 0,
  body.metrics?.length ?? 0,
];

describe('logBatchRequests', () => {
  it('keeps a small batch in one request, params first', () => {
    const requests = logBatchRequests(RUN, {
      params: [{ key: 'alpha', value: '0.5' }],
      tags: [{ key: 'team', value: 'ml' }],
      metrics: [{ key: 'rmse', value: 0.7, step: 0, timestamp: 5 }],
    });
    expect(requests).toEqual([
      {
        run_id: RUN,
        params: [{ key: 'alpha', value: '0.5' }],
        tags: [{ key: 'team', value: 'ml' }],
        metrics: [{ key: 'rmse', value: 0.7, timestamp: 5, step: 0 }],
      },
    ]);
  });

  it('splits at 1000 metrics, 100 params, 100 tags and 1000 entities per request, keeping order', () => {
    const params = Array.from({ length: 250 }, (_, i) => ({ key: `p${i}`, value: String(i) }));
    const tags = Array.from({ length: 120 }, (_, i) => ({ key: `t${i}`, value: String(i) }));
    const steps = Array.from({ length: 2500 }, (_, i) => i);
    const requests = logBatchRequests(RUN, {
      params,
      tags,
      series: [{ key: 'loss', steps, values: steps.map((s) => 1 / (s + 1)), timestamps: steps }],
    });
    for (const r of requests) {
      const [p, t, m] = counts(r);
      expect(p).toBeLessThanOrEqual(LOG_BATCH_LIMITS.params);
      expect(t).toBeLessThanOrEqual(LOG_BATCH_LIMITS.tags);
      expect(m).toBeLessThanOrEqual(LOG_BATCH_LIMITS.metrics);
      expect(p + t + m).toBeLessThanOrEqual(LOG_BATCH_LIMITS.entities);
    }
    expect(requests.flatMap((r) => r.params ?? []).map((p: { key: string }) => p.key)).toEqual(
      params.map((p) => p.key),
    );
    expect(requests.flatMap((r) => r.tags ?? []).map((t: { key: string }) => t.key)).toEqual(tags.map((t) => t.key));
    expect(requests.flatMap((r) => r.metrics ?? []).map((m: { step: number }) => m.step)).toEqual(steps);
    expect(requests.map(counts)).toEqual([
      [100, 0, 0],
      [100, 0, 0],
      [50, 100, 0],
      [0, 20, 980],
      [0, 0, 1000],
      [0, 0, 520],
    ]);
  });

  it('stays under 1 MB per request, counting UTF-8 bytes', () => {
    // 100 params of 5,000 three-byte characters would be 1.5 MB in one request.
    const params = Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: '記'.repeat(5000) }));
    const requests = logBatchRequests(RUN, { params });
    expect(requests.length).toBeGreaterThan(1);
    for (const r of requests) expect(size(r)).toBeLessThanOrEqual(LOG_BATCH_LIMITS.bytes);
    expect(requests.flatMap((r) => r.params).length).toBe(100);
  });

  it("spells non-finite values as protobuf's JSON does", () => {
    const [r] = logBatchRequests(RUN, {
      metrics: [NaN, Infinity, -Infinity].map((value, step) => ({ key: 'm', value, step, timestamp: 1 })),
    });
    expect(r!.metrics.map((m: { value: unknown }) => m.value)).toEqual(['NaN', 'Infinity', '-Infinity']);
  });

  it('sends nothing for an empty batch', () => {
    expect(logBatchRequests(RUN, {})).toEqual([]);
  });
});
