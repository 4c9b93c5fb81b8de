// A run's artifacts on an MLflow server go through its `mlflow-artifacts` proxy (`mlflow server
// --serve-artifacts`, the default since MLflow 2.0): the run's artifact URI
// `mlflow-artifacts:/<experiment>/<run>/artifacts` (or `mlflow-artifacts://host/…`) names a path
// under /api/2.0/mlflow-artifacts/artifacts/.
import { KirokuError } from '../../lib/errors';

/** The proxy path of a run's artifact root, or an error saying why a browser cannot reach it. */
export function proxyRoot(artifactUri: string): string {
  const m = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/.exec(artifactUri);
  if (!m) {
    throw new KirokuError(
      `The server stores artifacts at '${artifactUri}', which a browser cannot reach. Start it with --serve-artifacts (the default since MLflow 2.0) so artifacts go through mlflow-artifacts.`,
      'ARTIFACTS_UNAVAILABLE',
    );
  }
  return m[1]!.replace(/\/+$/, '');
}

/** The API path of one artifact file: `mlflow-artifacts/artifacts/<root>/<path>`, each segment encoded. */
export function proxyPath(root: string, path: string): string {
  const segments = [...root.split('/'), ...path.split('/')].filter(Boolean).map(encodeURIComponent);
  return `mlflow-artifacts/artifacts/${segments.join('/')}`;
}
