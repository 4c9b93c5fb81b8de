// Build-time constants (injected by Vite's `define`), read safely so code run outside a Vite build
// (benchmarks through tsx) still works.

export const KIROKU_VERSION: string = typeof __KIROKU_VERSION__ !== 'undefined' ? __KIROKU_VERSION__ : '0.0.0-dev';

export const KIROKU_DEPENDENCIES: Record<string, string> =
  typeof __KIROKU_DEPS__ !== 'undefined' ? __KIROKU_DEPS__ : {};
