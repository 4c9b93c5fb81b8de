// A hook that long-running library code (an estimator's epochs, a solver's iterations) calls to let the
// notebook kernel stop it: `checkInterrupt()` throws InterruptError once the user has asked to
// interrupt. Outside the kernel it does nothing. The kernel installs the real check when it starts;
// the library never imports the notebook.

let check: () => void = () => {};

/** Throws InterruptError when the user has interrupted the running notebook cell; otherwise returns. */
export function checkInterrupt(): void {
  check();
}

/** Installs the check (the notebook kernel does); `null` restores the no-op. */
export function setInterruptCheck(fn: (() => void) | null): void {
  check = fn ?? (() => {});
}
