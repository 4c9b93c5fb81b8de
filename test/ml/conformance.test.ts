// One contract suite over every registered estimator (scikit-learn's `check_estimator`, in spirit):
// importing src/ml/index.ts registers them all, and a class added there joins this suite by itself.
// What runs depends on the class's `kind`; the table below gives classes that need special
// construction or input (a Pipeline needs steps, an encoder wants categories) what they need.
import { describe, expect, it } from 'vitest';
import * as ml from '../../src/ml/index';
import { NotFittedError } from '../../src/lib/errors';
import { type Table, toTable } from '../../src/data/index';
import { setWarningHandler } from '../../src/ml/core/warnings';

type AnyEst = ml.Estimator<object> & Record<string, any>;

/** A Table of named columns, typed from their values. */
function frame(columns: Record<string, unknown[]>): Table {
  return toTable(columns);
}

const N = 40;
const a = Array.from({ length: N }, (_, i) => Math.sin(i) * 3 + i / 10);
const b = Array.from({ length: N }, (_, i) => Math.cos(i * 1.7) * 2);
const c = Array.from({ length: N }, (_, i) => ((i * 7) % 11) - 5);
const numericX = () => frame({ a, b, c });
const yReg = a.map((v, i) => 2 * v - b[i]! + 0.5 * c[i]! + Math.sin(i * 3.1) * 0.1 + 1);
const yCls = yReg.map((v) => (v < 0 ? 'lo' : v < 6 ? 'mid' : 'hi'));
const categoricalX = () =>
  frame({ colour: a.map((v) => (v > 1 ? 'red' : 'blue')), size: c.map((v) => (v > 0 ? 'L' : 'S')) });

/** X with one bad cell: a string in column 'b', or a missing value in column 'c'. */
function badX(kind: 'string' | 'missing'): Table {
  const bb: unknown[] = [...b];
  const cc: unknown[] = [...c];
  if (kind === 'string') bb[3] = 'oops';
  else cc[5] = null;
  return frame({ a, b: bb, c: cc });
}

function make(name: string, params: Record<string, unknown> = {}): AnyEst {
  const cls = ml.estimatorClasses().get(name);
  if (!cls) throw new Error(`${name} is not registered`);
  return new cls(params) as AnyEst;
}

interface Case {
  /** Constructor params (fresh estimator objects each call). */
  params?: () => unknown;
  X?: () => unknown;
  /** Which bad inputs fit must refuse, naming the column ('b' for a string, 'c' for a missing value). */
  refuses?: ('string' | 'missing')[];
  /** Whether fit records `nFeaturesIn_` and `featureNamesIn_` (default true). */
  inputAttributes?: boolean;
}

const TABLE: Record<string, Case> = {
  Pipeline: {
    params: () => ({
      steps: [
        ['scale', make('StandardScaler')],
        ['model', make('Ridge')],
      ],
    }),
    refuses: ['string'],
  },
  ColumnTransformer: {
    params: () => ({ transformers: [['num', make('StandardScaler'), ['a', 'b', 'c']]] }),
    refuses: ['string'],
  },
  // Categories are the encoder's input and missing values the imputer's: nothing to refuse there.
  OneHotEncoder: { X: categoricalX, refuses: [] },
  SimpleImputer: { refuses: ['string'] },
  MLPRegressor: { params: () => ({ hiddenLayerSizes: [4], maxIter: 3, randomState: 0 }) },
  MLPClassifier: { params: () => ({ hiddenLayerSizes: [4], maxIter: 3, randomState: 0 }) },
};

function defaultRefuses(kind: ml.EstimatorKind): ('string' | 'missing')[] {
  // scikit-learn's scalers let NaN through (an imputer may follow); models refuse it.
  return kind === 'transformer' ? ['string'] : ['string', 'missing'];
}

/** What the fitted estimator computes from X: predictions, probabilities, or the transform. */
function outputs(est: AnyEst, X: unknown): unknown[] {
  const out: unknown[] = [];
  if (typeof est.predict === 'function' && est.kind !== 'transformer') out.push(est.predict(X));
  if (typeof est.predictProba === 'function' && est.kind === 'classifier') out.push(est.predictProba(X));
  if (typeof est.transform === 'function' && est.kind === 'transformer') out.push(est.transform(X));
  return out.map(plain);
}

/** Typed arrays and matrices as plain values, so equality is exact and JSON-comparable. */
function plain(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return Array.from(v as Float64Array);
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function use(est: AnyEst, X: unknown): void {
  if (est.kind === 'transformer' && typeof est.transform === 'function') est.transform(X);
  else est.predict(X);
}

const names = [...ml.estimatorClasses().keys()].sort();

describe('estimator contract', () => {
  it('registers the linear models at least', () => {
    expect(names).toEqual(
      expect.arrayContaining(['ElasticNet', 'Lasso', 'LinearRegression', 'LogisticRegression', 'Ridge']),
    );
  });

  for (const name of names) {
    const cls = ml.estimatorClasses().get(name)!;
    const t = TABLE[name] ?? {};
    const build = (extra: Record<string, unknown> = {}): AnyEst =>
      new cls({ ...((t.params?.() as object) ?? {}), ...extra }) as AnyEst;
    const X = t.X ?? numericX;

    describe(name, () => {
      const fitted = async (): Promise<AnyEst> => {
        const est = build();
        const kind = est.kind;
        const y = kind === 'classifier' ? yCls : kind === 'regressor' ? yReg : undefined;
        const prev = setWarningHandler(() => {});
        try {
          const r = await est.fit(X(), y);
          expect(r).toBe(est);
        } finally {
          setWarningHandler(prev);
        }
        return est;
      };

      it('fit returns this, and the estimator is then fitted', async () => {
        const est = await fitted();
        expect(est.isFitted).toBe(true);
      });

      it('using it before fit throws NotFittedError', () => {
        const est = build();
        expect(est.isFitted).toBe(false);
        expect(() => use(est, X())).toThrow(NotFittedError);
      });

      it("getParams uses scikit-learn's snake_case names", () => {
        const keys = Object.keys(build().getParams());
        expect(keys.length).toBeGreaterThan(0);
        for (const k of keys) expect(k, k).not.toMatch(/[a-z0-9][A-Z]/);
      });

      it('refuses an unknown constructor param', () => {
        expect(() => new cls({ ...((t.params?.() as object) ?? {}), notAParam: 1 })).toThrow(/notAParam/);
      });

      it('toJSON → JSON text → fromJSON predicts identically', async () => {
        const est = await fitted();
        const text = JSON.stringify(est.toJSON());
        const back = ml.estimatorFromJSON(JSON.parse(text)) as AnyEst;
        expect(back).toBeInstanceOf(cls);
        expect(back.isFitted).toBe(true);
        expect(outputs(back, X())).toEqual(outputs(est, X()));
        expect(back.getParams()).toEqual(JSON.parse(JSON.stringify(est.getParams())));
      });

      it('loads by the base class’s fromJSON (its own state and params hooks), refuses another’s JSON', async () => {
        expect(Object.hasOwn(cls, 'fromJSON')).toBe(false);
        const json = (await fitted()).toJSON();
        const other = names.find((n) => n !== name)!;
        expect(() => (cls as ml.EstimatorClass).fromJSON({ ...json, name: other })).toThrow(
          `Cannot load a "${other}" model as ${name}.`,
        );
      });

      it('an unfitted estimator round-trips as unfitted', () => {
        const json = JSON.parse(JSON.stringify(build().toJSON()));
        expect(json.state).toBeNull();
        expect(ml.estimatorFromJSON(json).isFitted).toBe(false);
      });

      const refuses = t.refuses ?? defaultRefuses((cls as ml.EstimatorClass).kind);
      for (const bad of refuses) {
        it(`refuses ${bad === 'string' ? 'a non-numeric' : 'a missing'} value, naming the column`, async () => {
          const est = build();
          const y = est.kind === 'classifier' ? yCls : est.kind === 'regressor' ? yReg : undefined;
          const column = bad === 'string' ? 'b' : 'c';
          await expect(async () => est.fit(badX(bad), y)).rejects.toThrow(new RegExp(`'${column}'`));
        });
      }

      it('records the input columns and refuses another column count at predict', async () => {
        const est = await fitted();
        const Xf = X() as Table;
        if (t.inputAttributes !== false) {
          expect(est.nFeaturesIn_).toBe(Xf.columns.length);
          expect(est.featureNamesIn_).toEqual(Xf.columns);
        }
        const fewer = Xf.select(Xf.columns.slice(0, -1));
        expect(() => use(est, fewer)).toThrow(/features/);
      });
    });
  }
});
