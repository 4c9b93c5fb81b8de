// Choose the model to predict with: any model URI typed in (`runs:/…/model`, `models:/wine/3`,
// `models:/wine@champion`), or one picked from what this browser has — aliases, registered versions
// and runs that logged a model.
import type { Run } from '../../../tracking/entities';
import { SYSTEM_TAGS } from '../../../tracking/entities';
import { modelPath } from '../runs-table';
import { useLive } from '../use-live';
import { registryClient } from '../registry/registry';
import { t } from '../../i18n/t';

export interface ModelChoices {
  aliases: string[];
  versions: string[];
  runs: Array<{ uri: string; label: string }>;
}

async function loadChoices(client: import('../../../tracking/client').TrackingClient): Promise<ModelChoices> {
  const registry = await registryClient();
  const [models, versions, experiments] = await Promise.all([
    registry.searchRegisteredModels(),
    registry.searchModelVersions(),
    client.searchExperiments(),
  ]);
  const runs: Run[] = experiments.length
    ? await client.searchRuns({ experimentIds: experiments.map((e) => e.experimentId), maxResults: 50_000 })
    : [];
  return {
    aliases: models.flatMap((m) =>
      Object.keys(m.aliases)
        .sort()
        .map((a) => `models:/${m.name}@${a}`),
    ),
    versions: versions.map((v) => `models:/${v.name}/${v.version}`),
    runs: runs
      .filter((r) => r.data.tags[SYSTEM_TAGS.loggedModels])
      .slice(0, 100)
      .map((r) => ({
        uri: `runs:/${r.info.runId}/${modelPath(r)}`,
        label: `${r.info.runName} (runs:/${r.info.runId.slice(0, 8)}…/${modelPath(r)})`,
      })),
  };
}

export function ModelPicker({ value, onChange }: { value: string; onChange: (uri: string) => void }) {
  // Every run of every experiment: on a server, too costly to read again every few seconds.
  const choices = useLive(loadChoices, [], {
    relevant: (m) => m.type === 'model-registered' || m.type === 'run-created',
    minInterval: 1000,
    poll: false,
  });
  const c = choices.status === 'ready' ? choices.value : { aliases: [], versions: [], runs: [] };
  const known = [...c.aliases, ...c.versions, ...c.runs.map((r) => r.uri)];
  return (
    <div class="model-picker">
      <label>
        {t('mp.choose')}{' '}
        <select
          value={known.includes(value) ? value : ''}
          onChange={(e) => e.currentTarget.value && onChange(e.currentTarget.value)}>
          <option value="">
            {choices.status === 'loading' ? t('mp.loading') : known.length ? t('pick.one') : t('mp.none')}
          </option>
          {c.aliases.length > 0 && (
            <optgroup label={t('mp.aliases')}>
              {c.aliases.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </optgroup>
          )}
          {c.versions.length > 0 && (
            <optgroup label={t('mp.versions')}>
              {c.versions.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </optgroup>
          )}
          {c.runs.length > 0 && (
            <optgroup label={t('mp.runs')}>
              {c.runs.map((r) => (
                <option key={r.uri} value={r.uri} data-user-content="">
                  {r.label}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <form
        class="filter-row"
        onSubmit={(e) => {
          e.preventDefault();
          const input = (e.currentTarget as HTMLFormElement).elements.namedItem('model-uri') as HTMLInputElement;
          onChange(input.value.trim());
        }}>
        <label for="model-uri" class="vh">
          {t('mp.uri')}
        </label>
        <input
          id="model-uri"
          name="model-uri"
          key={value}
          defaultValue={value}
          placeholder="models:/wine@champion"
          spellcheck={false}
        />
        <button type="submit">{t('mp.load')}</button>
      </form>
    </div>
  );
}
