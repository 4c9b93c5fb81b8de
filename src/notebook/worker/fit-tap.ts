// TensorFlow.js fits in progress, for the training progress bar: a fit says how many epochs it will
// run (its `epochs` argument) before its first epoch ends, which the metrics it logs never say. The
// kernel wraps `fit` of tfjs' LayersModel and Sequential once, when it loads tfjs; the wrapper notes
// the fit, calls the original unchanged and returns its promise. (Autolog may wrap `fit` too: each
// wrapper calls the one it found, in either order.)
type Tf = typeof import('@tensorflow/tfjs');
type Fit = (
  this: unknown,
  x: unknown,
  y: unknown,
  args?: { epochs?: number; initialEpoch?: number },
) => Promise<unknown>;

export interface FitInProgress {
  /** The epoch the fit counts up to (`epochs`; epochs are numbered from 0 as tfjs numbers them). */
  epochs: number;
  /** The first epoch it runs (`initialEpoch`, for a resumed fit). */
  initialEpoch: number;
  startedAt: number;
}

const TAPPED = Symbol.for('kiroku.kernel.fit-tap');
let current: FitInProgress | null = null;

/** The fit running now, if any (the last one started, when several run at once). */
export function fitInProgress(): FitInProgress | null {
  return current;
}

export function tapFits(tf: Pick<Tf, 'LayersModel' | 'Sequential'>, now: () => number = Date.now): void {
  for (const proto of [tf.LayersModel.prototype, tf.Sequential.prototype]) {
    const own = Object.getOwnPropertyDescriptor(proto, 'fit');
    const original = own?.value as (Fit & { [TAPPED]?: true }) | undefined;
    if (!own || typeof original !== 'function' || original[TAPPED]) continue;
    const fit = function (this: unknown, x: unknown, y: unknown, args?: { epochs?: number; initialEpoch?: number }) {
      const mine: FitInProgress = {
        epochs: args?.epochs ?? 1,
        initialEpoch: args?.initialEpoch ?? 0,
        startedAt: now(),
      };
      current = mine;
      const done = () => {
        if (current === mine) current = null;
      };
      const result = original.call(this, x, y, args);
      result.then(done, done);
      return result;
    } as Fit & { [TAPPED]?: true };
    fit[TAPPED] = true;
    Object.defineProperty(proto, 'fit', { ...own, value: fit });
  }
}
