// What a web predictor carries of its model: the flavor's files as text (an estimator's JSON), the
// flavor's MLmodel entry and the signature as MLflow writes it.
import type { SignatureDict } from '../../logged-model/signature';

export interface WebPredictorModel {
  /** The URI the model was downloaded from (`models:/wine/1`, `runs:/<run>/model`). */
  uri: string;
  flavor: string;
  /** The flavor's entry under `flavors:` in MLmodel. */
  conf: Record<string, unknown>;
  /** The flavor's files, relative to the model folder. */
  files: Record<string, string>;
  signature?: SignatureDict;
  /** The Kiroku version that wrote the predictor. */
  createdBy: string;
}
