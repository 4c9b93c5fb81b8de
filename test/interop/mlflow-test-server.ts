// A local stand-in for an MLflow tracking server, following MLflow's published REST API 2.0 reference.
// The implementation is in ./mlflow-server/ (server and routing, tracking, artifacts, registry, search).
export {
  startMlflowTestServer,
  type Failure,
  type MlflowTestServer,
  type MlflowTestServerOptions,
  type Misbehaviour,
  type RecordedRequest,
} from './mlflow-server/server';
export type {
  ExperimentState,
  MetricPoint,
  ModelVersionState,
  RegisteredModelState,
  RunState,
} from './mlflow-server/state';
