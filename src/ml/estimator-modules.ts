// Which modules register which estimator classes, so loading a saved model imports only what it names.
// Importing this module registers every class that needs no TensorFlow.js; the MLPs' module (which
// imports TensorFlow.js) is imported by loadEstimatorClasses only when a saved model holds an MLP, so a
// served linear model never loads TensorFlow.js.
import './linear-model/linear-regression';
import './linear-model/ridge';
import './linear-model/elastic-net';
import './linear-model/logistic-regression';
import './preprocessing';
import './pipeline';

/** True when an estimator's JSON (a pipeline's, a search's…) holds an MLP: loading it needs TensorFlow.js. */
export function usesTensorFlow(json: unknown): boolean {
  if (Array.isArray(json)) return json.some(usesTensorFlow);
  if (!json || typeof json !== 'object') return false;
  const o = json as Record<string, unknown>;
  if (o.name === 'MLPRegressor' || o.name === 'MLPClassifier') return true;
  return Object.values(o).some((v) => v !== null && typeof v === 'object' && usesTensorFlow(v));
}

/** Register every class a saved estimator's JSON names, importing the MLPs' module only when it holds one. */
export async function loadEstimatorClasses(json: unknown): Promise<void> {
  if (usesTensorFlow(json)) await import('./neural-network/mlp');
}
