// Predict with a loaded flavor after enforcing the signature (MLflow's `PyFuncModel.predict`): the one
// path a loaded model, the scoring server and the downloaded web predictor all take.
import { enforceSchema } from './enforce';
import type { LoadedModel } from './flavors/flavor';
import type { ModelSignature } from './signature';

export function checkedPredict(
  loaded: LoadedModel,
  signature: ModelSignature | undefined,
  data: unknown,
  params?: Record<string, unknown>,
): unknown {
  const { data: checked, warnings } = enforceSchema(signature?.inputs, data);
  for (const w of warnings) console.warn(w);
  return loaded.predict(checked, params);
}
