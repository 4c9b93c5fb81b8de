// A run's artifacts on an MLflow server go through its `mlflow-artifacts` proxy (`mlflow server
// --serve-artifacts`, the default since MLflow 2.0): the run's artifact URI
// `mlflow-artifacts:/<experiment>/<run>/artifacts` (or `mlflow-artifacts://host/…`) names a path
// under /api/2.0/mlflow-artifacts/artifacts/.
import { KirokuError } from '../../lib/errors';

const PROXY_URI = /^mlflow-artifacts:(?:\/\/([^/]*))?(.*)$/;

function unreachable(artifactUri: string): KirokuError {
  return new KirokuError(
    `The server stores artifacts at '${artifactUri}', which a browser cannot reach. Start it with ` +
      `--serve-artifacts (the default since MLflow 2.0) so artifacts go through mlflow-artifacts.`,
    'ARTIFACTS_UNAVAILABLE',
  );
}

/** The proxy path of a run's artifact root, or an error saying why a browser cannot reach it. */
export function proxyRoot(artifactUri: string): string {
  const m = PROXY_URI.exec(artifactUri);
  if (!m) throw unreachable(artifactUri);
  return m[2]!.replace(/^\/+|\/+$/g, '');
}

/**
 * Which server answers for an `mlflow-artifacts:` URI and the path below its proxy, as MLflow's
 * `MlflowArtifactsRepository.resolve_uri` finds them: the tracking server, or the host the URI names
 * (reached with the tracking server's scheme and path prefix).
 */
export function proxyTarget(artifactUri: string, trackingBaseUrl: string): { baseUrl: string; root: string } {
  const m = PROXY_URI.exec(artifactUri);
  if (!m) throw unreachable(artifactUri);
  const base = new URL(trackingBaseUrl);
  if (m[1]) base.host = m[1];
  return { baseUrl: base.href.replace(/\/+$/, ''), root: m[2]!.replace(/^\/+|\/+$/g, '') };
}

/**
 * The API path of one artifact file: `mlflow-artifacts/artifacts/<root>/<path>`, each segment encoded.
 * A `.` or `..` segment (from a server's artifact_uri or a listed path) is refused: the URL would leave
 * the proxy, taking the server's credentials to another path on its host.
 */
export function proxyPath(root: string, path: string): string {
  const segments = [...root.split('/'), ...path.split('/')].filter(Boolean);
  if (segments.some((s) => s === '.' || s === '..')) {
    throw new KirokuError(
      `Invalid path: '${[root, path].filter(Boolean).join('/')}' has a '.' or '..' part, which would leave the ` +
        `server's artifact proxy.`,
      'INVALID_PARAMETER_VALUE',
    );
  }
  return `mlflow-artifacts/artifacts/${segments.map(encodeURIComponent).join('/')}`;
}
