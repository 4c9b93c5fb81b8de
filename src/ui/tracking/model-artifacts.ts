// Which runs have a logged model? MLflow's model history tag says so for models logged through
// `logModel`; a model copied in as artifacts (`model/MLmodel`) has no tag, and checking the artifacts
// of 10,000 runs up front would cost 10,000 reads. So the table asks only for the rows in view, once
// per run, and updates when an answer arrives; a run's entry is forgotten when the run changes.
import { useEffect, useState } from 'preact/hooks';
import type { Run } from '../../tracking/entities';
import { SYSTEM_TAGS } from '../../tracking/entities';
import { mlflow } from '../../tracking/default';
import { subscribe } from '../../tracking/events';

const known = new Map<string, boolean>();

export function useModelArtifacts(): { withModel: ReadonlySet<string>; check: (runs: Run[]) => void } {
  const [withModel, setWithModel] = useState<ReadonlySet<string>>(
    () => new Set([...known].filter(([, v]) => v).map(([k]) => k)),
  );
  const [, setPending] = useState(0);

  useEffect(
    () =>
      subscribe((m) => {
        if (m.type === 'run-updated') known.delete(m.runId);
      }),
    [],
  );

  const check = (runs: Run[]) => {
    const todo = runs.filter((r) => !r.data.tags[SYSTEM_TAGS.loggedModels] && !known.has(r.info.runId));
    if (!todo.length) return;
    for (const r of todo) known.set(r.info.runId, false);
    setPending((n) => n + 1);
    Promise.all(
      todo.map((r) =>
        mlflow
          .client()
          .listArtifactFiles(r.info.runId)
          .then((files) =>
            known.set(
              r.info.runId,
              files.some((f) => f.path === 'MLmodel' || f.path.endsWith('/MLmodel')),
            ),
          )
          .catch(() => known.delete(r.info.runId)),
      ),
    ).then(() => {
      const found = todo.filter((r) => known.get(r.info.runId));
      if (found.length) setWithModel((prev) => new Set([...prev, ...found.map((r) => r.info.runId)]));
    });
  };
  return { withModel, check };
}
