// Registered models: name, latest version, aliases, last change, description. A search box narrows
// by name; each name opens the model.
import { useState } from 'preact/hooks';
import { formatCreated } from '../../format';
import { useLive } from '../use-live';
import { aliasList, latestVersion, modelHref, registryClient, registryEvent, versionHref } from './registry';
import { t } from '../../i18n/t';
import { rich } from '../../i18n/rich';

export function ModelsList() {
  const [needle, setNeedle] = useState('');
  const models = useLive(
    async () => {
      const registry = await registryClient();
      const [list, versions] = await Promise.all([registry.searchRegisteredModels(), registry.searchModelVersions()]);
      return list.map((m) => ({
        model: m,
        latest: latestVersion(versions.filter((v) => v.name === m.name)),
        count: versions.filter((v) => v.name === m.name).length,
      }));
    },
    [],
    { relevant: registryEvent },
  );
  const shown =
    models.status === 'ready'
      ? models.value.filter((m) => m.model.name.toLowerCase().includes(needle.trim().toLowerCase()))
      : [];
  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('models.title')}</h1>
      <p class="muted">{rich('models.intro', { code: <code>mlflow.registerModel('runs:/…/model', 'name')</code> })}</p>
      <label class="toggle">
        {t('models.find')} <input type="search" value={needle} onInput={(e) => setNeedle(e.currentTarget.value)} />
      </label>
      {models.status === 'loading' && <p aria-busy="true">{t('models.loading')}</p>}
      {models.status === 'error' && <p role="alert">{t('models.readFailed', { error: models.error.message })}</p>}
      {models.status === 'ready' &&
        (models.value.length === 0 ? (
          <p class="empty">{t('models.none')}</p>
        ) : (
          <table class="kv models">
            <thead>
              <tr>
                <th scope="col">{t('models.name')}</th>
                <th scope="col">{t('models.latest')}</th>
                <th scope="col">{t('models.aliases')}</th>
                <th scope="col">{t('models.versions')}</th>
                <th scope="col">{t('models.modified')}</th>
                <th scope="col">{t('models.description')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ model, latest, count }) => (
                <tr key={model.name}>
                  <th scope="row">
                    <a href={modelHref(model.name)} data-user-content="">
                      {model.name}
                    </a>
                  </th>
                  <td>
                    {latest ? (
                      <a href={versionHref(model.name, latest.version)}>
                        {t('models.version', { version: latest.version })}
                      </a>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {aliasList(model).map((a) => (
                      <a key={a.alias} class="badge alias" href={versionHref(model.name, a.version)}>
                        @{a.alias} → v{a.version}
                      </a>
                    ))}
                  </td>
                  <td class="num">{count}</td>
                  <td>{formatCreated(model.lastUpdatedTimestamp)}</td>
                  <td class="value" data-user-content="">
                    {model.description.split('\n')[0]}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
