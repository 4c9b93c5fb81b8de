// `#/settings`: the UI's language (language-section), the storage this workspace uses and what a user does with all of
// it at once — see what uses it and free space (storage-section), keep it (persistent storage), take it elsewhere
// (export / import one .zip) or remove it (clear) (workspace-section).
import { t } from '../i18n/t';
import { LanguageSection } from './language-section';
import { MlflowSection } from './mlflow-section';
import { TrackingServerSection } from './tracking-server-section';
import { StorageSection } from './storage-section';
import { WorkspaceSection } from './workspace-section';
import './settings.css';

export default function SettingsPage(_: { segments: string[]; query: URLSearchParams }) {
  return (
    <div class="settings">
      <h1>{t('nav.settings')}</h1>
      <LanguageSection />
      <TrackingServerSection />
      <StorageSection />
      <WorkspaceSection />
      <MlflowSection />
    </div>
  );
}
