// Milliseconds since the epoch, as MLflow stores times. Kept behind a function so tests can pin it.
let clock: () => number = () => Date.now();

export function now(): number {
  return clock();
}

/** Replace the clock (tests); returns a function that restores the previous one. */
export function setClock(fn: () => number): () => void {
  const previous = clock;
  clock = fn;
  return () => {
    clock = previous;
  };
}

/** The latest time a JavaScript Date can hold (±8.64e15 ms, about 275,760 years from 1970). */
export const MAX_TIME_MS = 8.64e15;

/** A time in milliseconds as MLflow stores one: a nonnegative integer a Date can show. */
export function isTimeMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TIME_MS;
}
