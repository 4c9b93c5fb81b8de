// The message catalogs and the check that the Japanese UI shows no English (test/e2e/english-leaks.ts):
// the check must find a string left untranslated, and must not flag Japanese text or user data.
import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n/en';
import { ja } from '../../src/ui/i18n/ja';
import { localeFor } from '../../src/ui/i18n/locale';
import { translate, type Catalog } from '../../src/ui/i18n/t';
import { formatBytes, formatElapsed, formatTime } from '../../src/ui/format';
import { englishFragments, englishLeaks } from '../e2e/english-leaks';

describe('message catalogs', () => {
  it('have the same keys, with the same placeholders', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (m: unknown) => [...JSON.stringify(m).matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>)
      expect([...new Set(placeholders(ja[key]))], key).toEqual([...new Set(placeholders(en[key]))]);
  });

  it('fill placeholders and choose plural forms by Intl.PluralRules', () => {
    expect(translate('en', 'files.shape', { rows: 1599, columns: 12 })).toBe('1599 rows × 12 columns');
    expect(translate('ja', 'files.shape', { rows: 1599, columns: 12 })).toBe('1599 行 × 12 列');
    expect(translate('en', 'st.nFiles', { count: 1 })).toBe('1 file');
    expect(translate('en', 'st.nFiles', { count: 0 })).toBe('0 files');
    expect(translate('en', 'st.nFiles', { count: 3 })).toBe('3 files');
    expect(translate('ja', 'st.nFiles', { count: 1 })).toBe('1 ファイル');
    expect(translate('en', 'out.rows', { count: '1,599' })).toBe('1,599 rows');
  });

  it('chooses Japanese for a ja* browser, else English', () => {
    expect(localeFor(['ja-JP', 'en-US'])).toBe('ja');
    expect(localeFor(['ja'])).toBe('ja');
    expect(localeFor(['en-GB', 'ja'])).toBe('en');
    expect(localeFor(['fr-FR', 'ja-JP'])).toBe('ja');
    expect(localeFor(['de'])).toBe('en');
    expect(localeFor([])).toBe('en');
  });

  it('format times, lengths of time and sizes for the language', () => {
    expect(formatElapsed(1500, 'en')).toBe('1.5 s');
    expect(formatElapsed(1500, 'ja')).toBe('1.5 秒');
    expect(formatElapsed(125_000, 'ja')).toBe('2 分 5 秒');
    expect(formatBytes(1_234_567, 'en')).toBe('1.2 MB');
    const t = Date.UTC(2024, 0, 2, 3, 4);
    expect(formatTime(t, 'ja')).toBe(
      new Intl.DateTimeFormat('ja', { dateStyle: 'medium', timeStyle: 'short' }).format(t),
    );
    expect(formatTime(t, 'ja')).toMatch(/^2024\/01\/02/);
    expect(formatTime(t, 'en')).toMatch(/^Jan 2, 2024/);
  });
});

describe('the check for English left in the Japanese UI', () => {
  const fragments = englishFragments(en, ja);

  it('finds a string left untranslated, whole or inside a sentence', () => {
    const untranslated: Catalog = { ...ja, 'tb.runAll': en['tb.runAll'], 'files.uploaded': en['files.uploaded'] };
    const texts = ['すべて実行', 'Run all', 'Uploaded wine.csv (1.2 MB).'];
    // With the catalog as it is, 'Run all' is flagged (the page should have shown すべて実行)…
    expect(englishLeaks(texts, fragments).map((l) => l.text)).toEqual(['Run all', 'Uploaded wine.csv (1.2 MB).']);
    // …and a Japanese catalog that left two messages in English lets them through the catalog check,
    // which is why the page's text is checked against English pieces, not against the Japanese catalog.
    const leaks = englishLeaks(texts, englishFragments(en, ja));
    expect(englishFragments(en, untranslated)).not.toContain('Run all');
    expect(leaks.map((l) => l.text)).toEqual(['Run all', 'Uploaded wine.csv (1.2 MB).']);
    expect(leaks[1]!.fragment).toBe('Uploaded');
  });

  it('passes the Japanese catalog itself and technical words that are the same in both', () => {
    const japanese = (Object.keys(ja) as Array<keyof Catalog>).map((k) =>
      translate('ja', k).replace(/\{\w+\}/g, 'ワイン'),
    );
    expect(englishLeaks(japanese, fragments)).toEqual([]);
    expect(
      englishLeaks(['MLflow', 'TensorFlow.js', 'winequality-red.csv', 'training_r2_score', 'Kiroku 記録'], fragments),
    ).toEqual([]);
  });

  it('does not flag a word inside another word, nor a common word inside a technical name', () => {
    expect(englishLeaks(['Runtime', 'Previewer'], ['Run', 'Preview'])).toEqual([]);
    expect(englishLeaks(['Preview'], ['Preview'])).toEqual([{ text: 'Preview', fragment: 'Preview' }]);
    expect(englishLeaks(['runs:/abc/model', 'mlflow.source.type'], ['runs', 'source'])).toEqual([]);
    expect(englishLeaks(['runs'], ['runs'])).toEqual([{ text: 'runs', fragment: 'runs' }]);
  });
});
