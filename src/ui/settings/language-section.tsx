// Settings → Language: English or Japanese, or the browser's choice. The choice is kept in this browser
// and applies at once (main.ts redraws the app in the new language).
import { useState } from 'preact/hooks';
import { t } from '../i18n/t';
import { savedLocale, setLocale, type Locale } from '../i18n/locale';

export function LanguageSection() {
  const [choice, setChoice] = useState<Locale | 'browser'>(() => savedLocale() ?? 'browser');
  return (
    <section aria-labelledby="language-h">
      <h2 id="language-h">{t('lang.title')}</h2>
      <label>
        {t('lang.label')}{' '}
        <select
          value={choice}
          onChange={(e) => {
            const v = e.currentTarget.value as Locale | 'browser';
            setChoice(v);
            setLocale(v === 'browser' ? null : v);
          }}>
          <option value="browser">{t('lang.browser')}</option>
          {/* Each language is named in itself, so it can be found whatever the UI's language. */}
          <option value="en" lang="en">
            English
          </option>
          <option value="ja" lang="ja">
            日本語
          </option>
        </select>
      </label>
    </section>
  );
}
