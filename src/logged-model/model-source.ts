// Where a model's files are: a model URI, or a registered version's `source`, resolved to a folder
// whose files can be read — every source MLflow writes, as its pyfunc loader resolves them:
//
//   runs:/<run>/<path>                  the run's artifacts (Kiroku's own sources)
//   models:/<name>/<n>, @alias, /latest the version's source, resolved in turn (a copied version's
//                                        source is itself a models:/ URI)
//   mlflow-artifacts:/<…>/model          MLflow's Python client on a server with the artifact proxy
//                                        (the run's artifact URI + path): read through that proxy
//   file:///…/mlruns/<exp>/<run>/artifacts/model
//                                        MLflow's client on a file store: a folder on the machine that
//                                        registered it, read from the run's artifacts when the run is
//                                        here (an imported mlruns folder keeps its run ids)
//
// A source under a run's artifacts is read through that run when this store has it, whatever its
// scheme; anything else (s3://, dbfs:/, …) a browser cannot reach, and the error says what to do.
import { KirokuError, TrackingError } from '../lib/errors';
import { artifactUriNeedsServer } from '../tracking/errors';
import type { TrackingClient } from '../tracking/client';
import type { RegistryClient } from '../model-registry/client';
import type { ModelVersion } from '../model-registry/entities';
import { parseModelUri, runsUri } from '../lib/model-uri';

export interface ModelLocation {
  /** The run whose artifacts hold the model, when known. */
  runId?: string;
  /** The model folder: a path in the run's artifacts, or the artifact URI it was read from. */
  artifactPath: string;
  /** Where the files were read from, for messages: `runs:/<run>/<path>` or the source URI. */
  source: string;
  /** A file of the model folder, relative to it (`MLmodel`, `model.json`). */
  read(file: string): Promise<Blob>;
}

/** A models:/ source naming another version, naming another…: MLflow follows a chain; a loop must end. */
const MAX_HOPS = 10;

/** Cloud and cluster stores, by scheme, as a user would name them. */
const REMOTE_STORES: Record<string, string> = {
  s3: 'Amazon S3',
  s3a: 'Amazon S3',
  s3n: 'Amazon S3',
  gs: 'Google Cloud Storage',
  wasb: 'Azure Blob Storage',
  wasbs: 'Azure Blob Storage',
  abfs: 'Azure Data Lake',
  abfss: 'Azure Data Lake',
  dbfs: "Databricks' file system",
  hdfs: 'HDFS',
  viewfs: 'HDFS',
  oss: 'Alibaba OSS',
  ftp: 'an FTP server',
  sftp: 'an SFTP server',
  uc: "Databricks' Unity Catalog",
};

export function runLocation(tracking: TrackingClient, runId: string, artifactPath: string): ModelLocation {
  const path = artifactPath.replace(/^\/+|\/+$/g, '');
  return {
    runId,
    artifactPath: path,
    source: runsUri(runId, path),
    read: (file) => tracking.downloadArtifact(runId, path ? `${path}/${file}` : file),
  };
}

/**
 * `runs:/…` as is; `models:/name/3`, `models:/name@alias`, `models:/name/latest` through the registry, then their
 * source.
 */
export async function locateModel(
  uri: string,
  tracking: TrackingClient,
  registry: RegistryClient,
): Promise<ModelLocation> {
  return locate(uri, null, tracking, registry, 0);
}

async function locate(
  uri: string,
  runHint: string | null,
  tracking: TrackingClient,
  registry: RegistryClient,
  hops: number,
): Promise<ModelLocation> {
  if (uri.startsWith('runs:/') || uri.startsWith('models:/')) {
    const parsed = parseModelUri(uri);
    if (parsed.kind === 'runs') return runLocation(tracking, parsed.runId, parsed.path);
    if (hops >= MAX_HOPS)
      throw new TrackingError(
        `Model URI '${uri}' names another models:/ URI more than ${MAX_HOPS} times in a row; one of the versions ` +
          `on the way must point at its files.`,
      );
    const version = await registeredVersion(parsed, registry);
    return locate(version.source, version.runId, tracking, registry, hops + 1);
  }
  if (uri.startsWith('mlflow-artifacts:')) {
    // Through the server's proxy when the store is one; else through the run, if this store has it.
    if (tracking.store.getArtifactAtUri) {
      const root = uri.replace(/\/+$/, '');
      return {
        runId: runIdIn(uri, runHint) ?? undefined,
        artifactPath: root,
        source: root,
        read: (file) => tracking.downloadArtifactAtUri(root, file),
      };
    }
    const local = await viaRun(uri, runHint, tracking);
    if (local) return local;
    throw artifactUriNeedsServer(tracking.store.uri);
  }
  const viaItsRun = await viaRun(uri, runHint, tracking);
  if (viaItsRun) return viaItsRun;
  // A URI a user typed that is no artifact URI at all gets the model URI forms explained.
  if (hops === 0 && !/^[a-z][a-z0-9+.-]*:/i.test(uri) && !uri.startsWith('/')) parseModelUri(uri);
  return never(uri);
}

function registeredVersion(
  parsed: Exclude<ReturnType<typeof parseModelUri>, { kind: 'runs' }>,
  registry: RegistryClient,
): Promise<ModelVersion> {
  if ('alias' in parsed) return registry.getModelVersionByAlias(parsed.name, parsed.alias);
  if ('version' in parsed) return registry.getModelVersion(parsed.name, parsed.version);
  return registry.getLatestVersion(parsed.name);
}

/**
 * The run id in a source under a run's artifacts (`…/<run>/artifacts[/<path>]`, MLflow's layout on every
 * artifact store): the version's own run id when the path holds it, else the last such segment.
 */
function runIdIn(source: string, runHint: string | null): string | null {
  const path = source.replace(/[?#].*$/, '');
  if (runHint && (path.includes(`/${runHint}/artifacts/`) || path.endsWith(`/${runHint}/artifacts`))) return runHint;
  const all = [...path.matchAll(/(?:^|\/)([0-9a-f]{32})\/artifacts(?=\/|$)/g)];
  return all.at(-1)?.[1] ?? null;
}

/** The source read through its run's artifacts, when the source lies under a run this store holds. */
async function viaRun(source: string, runHint: string | null, tracking: TrackingClient): Promise<ModelLocation | null> {
  const runId = runIdIn(source, runHint);
  if (!runId || !(await tracking.store.getRun(runId))) return null;
  const path = source.replace(/[?#].*$/, '');
  const after = path.slice(path.lastIndexOf(`${runId}/artifacts`) + `${runId}/artifacts`.length).replace(/^\/+/, '');
  return runLocation(tracking, runId, source.startsWith('file:') ? fileUriPath(after) : after);
}

/** A file URI's path as the file system names it (`%20` is a space). */
function fileUriPath(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** Why a source cannot be read from here, and what to do instead. */
function never(source: string): never {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(source)?.[1]?.toLowerCase();
  if (!scheme || scheme === 'file' || /^[a-z]$/.test(scheme)) {
    throw new TrackingError(
      `The model's source '${source}' is a folder on the machine that registered it, whose run is not in this store. ` +
        'Import the mlruns folder it is in (Settings → MLflow → "Import MLflow runs", or importMlruns(…)) and load ' +
        'it again.',
      'RESOURCE_DOES_NOT_EXIST',
    );
  }
  const where = REMOTE_STORES[scheme] ?? `a '${scheme}:' store`;
  throw new KirokuError(
    `The model's source '${source}' is in ${where}, which a browser cannot read. Load it through an MLflow ` +
      `tracking server that serves ` +
      'artifacts (mlflow server --serve-artifacts --artifacts-destination <that store>): register the version from ' +
      'its run there ' +
      "(mlflow.register_model('runs:/<run_id>/<path>', name)), or log the model to a run of that server.",
    'ARTIFACTS_UNAVAILABLE',
  );
}
