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
