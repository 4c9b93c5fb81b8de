// Experiments and runs from a workspace archive, through the tracking client (which announces each).
// Experiments merge by name: one already here takes the archived one's runs; a new one keeps its id
// unless the id is taken, and then gets a fresh id that its runs follow. Runs merge by id — the newer
// copy (lastActivity) wins — and each is written whole, with its history and files, or not at all.
import type { TrackingClient } from '../tracking/client';
import { checkExperiment, checkFile, checkHistory, checkRun, type DumpedRun } from '../tracking/dump';
import type { Experiment } from '../tracking/entities';
import { isQuotaError } from '../storage/reserve';
import { decodeSeries, runDir } from './archive';
import { type Archive, LIMITS } from './archive-reader';
import { WorkspaceError } from './errors';
import type { ImportReport, Note } from './import-report';
import { reasonOf, rejectedRecord } from './import-report';

/** Returns archived experiment id → local id. */
export async function importExperiments(
  a: Archive,
  client: TrackingClient,
  report: ImportReport,
  note: Note,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const file = 'tracking/experiments.json';
  let list: unknown;
  try {
    list = await a.json<unknown>(file, []);
    if (!Array.isArray(list)) throw new WorkspaceError(`${file} is not a list.`);
  } catch (err) {
    note({ file, kind: 'experiment', name: file, action: 'rejected', reason: reasonOf(err) }, report.experiments);
    return ids;
  }
  const store = client.store;
  const local = await store.listExperiments('ALL');
  const taken = new Set(local.map((e) => e.experimentId));
  let next = local.reduce((m, e) => Math.max(m, Number(e.experimentId) + 1), 0);
  for (const raw of list) {
    let e: Experiment;
    try {
      e = checkExperiment(raw);
    } catch (err) {
      note(rejectedRecord(file, 'experiment', raw, err), report.experiments);
      continue;
    }
    next = Math.max(next, Number(e.experimentId) + 1);
    const same = await store.getExperimentByName(e.name);
    if (same) {
      ids.set(e.experimentId, same.experimentId);
      if (same.experimentId !== e.experimentId) report.remappedExperiments[e.experimentId] = same.experimentId;
      note({ file, kind: 'experiment', name: e.name, action: 'skipped', reason: 'already here' }, report.experiments);
      continue;
    }
    let exp = e;
    if (taken.has(e.experimentId)) {
      const id = String(next++);
      exp = { ...e, experimentId: id, artifactLocation: `${store.uri}/${id}` };
      report.remappedExperiments[e.experimentId] = id;
    }
    await client.restoreDumpedExperiment(exp);
    taken.add(exp.experimentId);
    ids.set(e.experimentId, exp.experimentId);
    note({ file, kind: 'experiment', name: e.name, action: 'added' }, report.experiments);
  }
  return ids;
}

export async function importRun(
  a: Archive,
  client: TrackingClient,
  file: string,
  ids: Map<string, string>,
  report: ImportReport,
  note: Note,
): Promise<void> {
  let name = file;
  try {
    const raw = await a.json<Record<string, unknown>>(file);
    const record = checkRun(raw);
    const runId = record.info.runId;
    name = `${record.info.runName} (${runId})`;
    const dir = runDir(runId);
    if (`${dir}/run.json` !== file)
      throw new WorkspaceError(`${file} holds run ${runId}, whose entries are under ${dir}/.`);
    const experimentId = ids.get(record.info.experimentId);
    if (experimentId === undefined)
      throw new WorkspaceError(`its experiment ${record.info.experimentId} is not in the archive (or was rejected)`);
    const keys = raw.metricKeys ?? [];
    const listed = raw.artifacts ?? [];
    if (!Array.isArray(keys) || !Array.isArray(listed))
      throw new WorkspaceError('metricKeys and artifacts must be lists');
    const files = listed.map((f) => checkFile(f, runId));
    if (new Set(files.map((f) => f.path)).size !== files.length) throw new WorkspaceError('a file is listed twice');
    if (new Set(keys).size !== keys.length) throw new WorkspaceError('a metric key is listed twice');
    const history = [];
    for (const [i, key] of keys.entries()) {
      const path = `${dir}/metrics/${i}.f64`;
      const entry = a.named(path);
      if (!entry)
        throw new WorkspaceError(`the archive lists metric '${String(key)}' but holds no history for it (${path})`);
      history.push(checkHistory(key, runId, decodeSeries(await a.bytes(entry, LIMITS.series))));
    }
    for (const f of files)
      if (!a.named(`${dir}/artifacts/${f.path}`))
        throw new WorkspaceError(`the archive lists artifact '${f.path}' but holds no bytes for it`);
    const moved = experimentId !== record.info.experimentId;
    const run: DumpedRun = {
      ...record,
      info: {
        ...record.info,
        experimentId,
        artifactUri: moved ? `${client.store.uri}/${experimentId}/${runId}/artifacts` : record.info.artifactUri,
      },
      history,
      files: files.map((f) => ({
        ...f,
        size: f.size >= 0 ? f.size : a.named(`${dir}/artifacts/${f.path}`)!.size,
        open: () => a.pieces(`${dir}/artifacts/${f.path}`),
      })),
    };
    const outcome = await client.restoreDumpedRun(run, { onlyIfNewer: true });
    if (outcome === 'kept') {
      note({ file, kind: 'run', name, action: 'skipped', reason: 'already here' }, report.runs);
      return;
    }
    note({ file, kind: 'run', name, action: outcome === 'replaced' ? 'updated' : 'added' }, report.runs);
  } catch (err) {
    if (isQuotaError(err) || (err as { code?: string }).code === 'QUOTA_EXCEEDED') throw err;
    note({ file, kind: 'run', name, action: 'rejected', reason: reasonOf(err) }, report.runs);
  }
}
