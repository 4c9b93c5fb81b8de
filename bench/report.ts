// Benchmarks print one JSON line per figure; they never pass or fail on time.
export function report(figure: Record<string, unknown> & { bench: string }): void {
  console.log(JSON.stringify(figure));
}

/** Median of repeated timings, in ms, after one warm-up call. */
export async function timeIt(
  fn: () => unknown | Promise<unknown>,
  repeat = 5,
): Promise<{ medianMs: number; minMs: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: round(times[Math.floor(times.length / 2)]!), minMs: round(times[0]!) };
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
