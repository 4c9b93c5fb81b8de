// The web predictor's runtime: the code of a downloaded `<model>-predictor.mjs`, which runs in any
// browser page or in Node with nothing installed. The app builds this file once, at build time, into one
// self-contained ES module (build.ts) and, at download time, puts the model before it (module.ts):
//
//   const KIROKU_MODEL = { uri, flavor, conf, files, signature };   ← written by module.ts
//   …this runtime, minified…                                        ← exports predict, signature, model
//
// Prediction is the app's own code: the estimator flavor loads the estimator from its JSON, and
// checkedPredict enforces the signature with MLflow's rules and messages before predicting, exactly
// as `mlflow.pyfunc.loadModel(…).predict` does in a notebook. Only estimators without TensorFlow.js are
// registered; build.ts leaves the MLPs (and TensorFlow.js) out, so a linear model's predictor is small.
import '../../ml/estimator-modules';
import { estimatorFlavor } from '../../logged-model/flavors/estimator-flavor';
import { checkedPredict } from '../../logged-model/checked-predict';
import { signatureFromDict, type ModelSignature } from '../../logged-model/signature';
import type { WebPredictorModel } from './model';

declare const KIROKU_MODEL: WebPredictorModel;

const embedded = KIROKU_MODEL;
const loaded = await estimatorFlavor.load({
  conf: embedded.conf,
  read: async (file) => {
    const text = embedded.files[file.replace(/^\/+/, '')];
    if (text === undefined) throw new Error(`The web predictor holds no file '${file}'.`);
    return new Blob([text]);
  },
});

/** The model's signature (inputs, outputs), as MLflow's ModelSignature; undefined when it has none. */
export const signature: ModelSignature | undefined = embedded.signature
  ? signatureFromDict(embedded.signature)
  : undefined;

/** Where the model came from (its `models:/` or `runs:/` URI) and its flavor. */
export const model = { uri: embedded.uri, flavor: embedded.flavor, createdBy: embedded.createdBy };

/**
 * Predictions for records (`[{alcohol: 9.4, …}]`), an object of columns (`{alcohol: [9.4, …]}`), rows of
 * values in the signature's column order, or a Table — checked against the signature with
 * MLflow's rules (a missing column or an unsafe type is an error; extra columns are dropped with a
 * warning). A vector of predictions comes back as a plain array.
 */
export function predict(input: unknown, params?: Record<string, unknown>): unknown {
  const out = checkedPredict(loaded, signature, input, params);
  return ArrayBuffer.isView(out) && !(out instanceof DataView) ? Array.from(out as unknown as ArrayLike<number>) : out;
}
