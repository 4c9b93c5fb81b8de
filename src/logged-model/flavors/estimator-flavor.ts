// Kiroku's estimators (scikit-learn-like): the estimator's exact JSON (`toJSON()`), loaded back with
// the estimator registry. JSON keeps every double exactly, so reloaded predictions equal the originals.
import { Estimator, estimatorFromJSON, type EstimatorJSON } from '../../ml/core/estimator';
import { loadEstimatorClasses } from '../../ml/estimator-modules';
import type { Flavor } from './flavor';
import { KIROKU_VERSION } from '../../lib/build-info';

export const ESTIMATOR_FLAVOR = 'kiroku_ml';

export const estimatorFlavor: Flavor<Estimator<object>> = {
  name: ESTIMATOR_FLAVOR,
  canSave: (model): model is Estimator<object> => model instanceof Estimator,
  async save(model) {
    return {
      conf: {
        estimator_class: model.estimatorName,
        estimator_type: model.kind,
        data: 'model.json',
        serialization_format: 'json',
        kiroku_version: KIROKU_VERSION,
      },
      files: { 'model.json': JSON.stringify(model.toJSON()) },
    };
  },
  async load(ctx) {
    const data = typeof ctx.conf.data === 'string' ? ctx.conf.data : 'model.json';
    const json = JSON.parse(await (await ctx.read(data)).text()) as EstimatorJSON;
    await loadEstimatorClasses(json); // TensorFlow.js only for a model that holds an MLP
    const est = estimatorFromJSON(json) as Estimator<object> & { predict(X: unknown): unknown };
    return { raw: est, predict: (X) => est.predict(X) };
  },
};
