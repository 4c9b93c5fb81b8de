// What the fluent log* calls write for each kind of input — MLflow's naming rules for `log_dict`,
// `log_artifact` and `log_figure` — kept apart from the active-run logic that decides which run.
import { TrackingError } from '../lib/errors';
import type { ArtifactData } from './artifact-data';
import { CHART_CONTENT_TYPE, type ChartFigure } from './figures';

/** `log_dict`: JSON, or YAML for `.yaml`/`.yml` (the YAML library loads only when YAML is asked for). */
export async function dictText(object: unknown, artifactFile: string): Promise<string> {
  return /\.ya?ml$/i.test(artifactFile) ? (await import('yaml')).stringify(object) : JSON.stringify(object, null, 2);
}

/**
 * `log_artifact(local_path, artifact_path)`: a File keeps its own name, under the folder
 * `artifactPath`; other data (Blob, bytes, text) needs `artifactPath` as the file's full path.
 */
export function artifactFilePath(data: ArtifactData | File, artifactPath?: string): string {
  if (typeof File !== 'undefined' && data instanceof File)
    return artifactPath ? `${artifactPath.replace(/\/$/, '')}/${data.name}` : data.name;
  if (!artifactPath)
    throw new TrackingError(
      'logArtifact needs an artifact path for data that is not a File, e.g. logArtifact(blob, "plots/loss.png").',
    );
  return artifactPath;
}

/** `log_figure` of a chart spec: JSON (the name gets `.json`) with the type the run page draws. */
export function chartFile(
  figure: ChartFigure,
  artifactFile: string,
): { path: string; text: string; contentType: string } {
  return {
    path: /\.json$/i.test(artifactFile) ? artifactFile : `${artifactFile}.json`,
    text: JSON.stringify(figure),
    contentType: CHART_CONTENT_TYPE,
  };
}
