// Python's `warnings` for estimators and metrics: scikit-learn warns (ConvergenceWarning,
// UndefinedMetricWarning) where it does not raise, and users act on those messages. Each warning
// goes to one handler — console.warn by default; the notebook kernel points it at the cell's output
// and tests can collect or silence them — and estimators also keep their fit's warnings in `warnings_`.

export type WarningCategory = 'ConvergenceWarning' | 'UndefinedMetricWarning' | 'UserWarning';

export interface MLWarning {
  category: WarningCategory;
  message: string;
}

export type WarningHandler = (w: MLWarning) => void;

const toConsole: WarningHandler = (w) => console.warn(`${w.category}: ${w.message}`);
let handler: WarningHandler = toConsole;

/** Route warnings to `fn` (null restores console.warn); returns the previous handler. */
export function setWarningHandler(fn: WarningHandler | null): WarningHandler {
  const previous = handler;
  handler = fn ?? toConsole;
  return previous;
}

export function warn(category: WarningCategory, message: string): MLWarning {
  const w = { category, message };
  handler(w);
  return w;
}

/** Python's `{x:.3e}`: three decimals and a two-digit exponent (`1.234e-05`). */
export function formatExp(x: number): string {
  if (!Number.isFinite(x)) return String(x).toLowerCase().replace('infinity', 'inf');
  return x.toExponential(3).replace(/e([+-])(\d)$/, 'e$10$2');
}
