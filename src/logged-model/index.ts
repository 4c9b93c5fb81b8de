export { modelApi, type ModelApi } from './api';
export {
  registerFlavor,
  getFlavor,
  flavorNames,
  type Flavor,
  type LoadContext,
  type LoadedModel,
  type SavedFlavor,
} from './flavors/flavor';
export { logModel, readMLmodel, type MLmodelDoc, type ModelInfo, type LogModelOptions } from './logged-model';
export { loadModel, PyFuncModel, type ModelMetadata } from './pyfunc';
export { locateModel, type ModelLocation } from './model-source';
export {
  inferSignature,
  inferSchema,
  signatureToDict,
  signatureFromDict,
  type ModelSignature,
  type ColSpec,
  type TensorSpec,
  type Schema,
  type MlflowType,
} from './signature';
export { enforceSchema, checkColumns, type ColumnCheck } from './enforce';
export { parseModelUri, type ModelUri } from '../lib/model-uri';
export { saveInputExample, loadInputExample } from './input-example';
export { predictBatch, type PredictBatchOptions } from './batch/predict-batch';
export { terminatePool } from './batch/pool';
