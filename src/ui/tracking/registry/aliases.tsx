// A model's aliases: each alias names one version (`champion` → 3); set one (moving it if it exists)
// or remove it. `models:/<name>@<alias>` then loads whichever version it names.
import { useState } from 'preact/hooks';
import type { ModelVersion, RegisteredModel } from '../../../model-registry/entities';
import { aliasList, registryClient, versionHref } from './registry';
import { useAttempt } from '../../components/use-attempt';
import { t } from '../../i18n/t';

export function AliasEditor({
  model,
  versions,
  fixedVersion,
}: {
  model: RegisteredModel;
  versions: ModelVersion[];
  fixedVersion?: string;
}) {
  const [alias, setAlias] = useState('');
  const [version, setVersion] = useState(fixedVersion ?? versions[0]?.version ?? '');
  const { error, attempt } = useAttempt();
  const list = aliasList(model).filter((a) => !fixedVersion || a.version === fixedVersion);

  return (
    <section class="card" aria-labelledby="aliases-title">
      <h2 id="aliases-title">{t('models.aliases')}</h2>
      {list.length === 0 ? (
        <p class="muted">{t(fixedVersion ? 'alias.noneHere' : 'alias.none')}</p>
      ) : (
        <ul class="alias-list">
          {list.map((a) => (
            <li key={a.alias}>
              <code class="badge alias">@{a.alias}</code> →{' '}
              <a href={versionHref(model.name, a.version)}>{t('models.version', { version: a.version })}</a>
              <button
                type="button"
                class="small"
                aria-label={t('alias.remove', { alias: a.alias })}
                onClick={() =>
                  attempt(async () => (await registryClient()).deleteRegisteredModelAlias(model.name, a.alias))
                }>
                {t('alias.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="add-tag"
        aria-label={t('alias.set')}
        onSubmit={async (e) => {
          e.preventDefault();
          const name = alias.trim();
          if (
            name &&
            (await attempt(async () => (await registryClient()).setRegisteredModelAlias(model.name, name, version)))
          )
            setAlias('');
        }}>
        <input
          aria-label={t('alias.alias')}
          placeholder="champion"
          value={alias}
          onInput={(e) => setAlias(e.currentTarget.value)}
        />
        {fixedVersion === undefined && (
          <select aria-label={t('alias.version')} value={version} onChange={(e) => setVersion(e.currentTarget.value)}>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                {t('models.version', { version: v.version })}
              </option>
            ))}
          </select>
        )}
        <button type="submit" class="small" disabled={!alias.trim() || !version}>
          {t('alias.setButton')}
        </button>
      </form>
      {error && (
        <p role="alert" class="form-error">
          {error}
        </p>
      )}
    </section>
  );
}
