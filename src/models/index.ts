export { modelApi, type ModelApi } from './api';
export { registerFlavor, getFlavor, flavorNames, type Flavor, type LoadContext, type LoadedModel, type SavedFlavor } from './flavors/flavor';
export { logModel, readMLmodel, type MLmodelDoc, type ModelInfo, type LogModelOptions } from './logged-model';
export { loadModel, PyFuncModel, resolveModelUri, type ModelMetadata } from './pyfunc';
export { inferSignature, inferSchema, signatureToDict, signatureFromDict, type ModelSignature, type ColSpec, type TensorSpec, type Schema, type MlflowType } from './signature';
export { enforceSchema } from './enforce';
export { parseModelUri, type ModelUri } from './uri';
export { saveInputExample, loadInputExample } from './input-example';
export { predictBatch, type PredictBatchOptions } from './batch/predict-batch';
