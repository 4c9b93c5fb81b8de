// The runs filter: MLflow's filter grammar, checked as you type. A valid filter applies at once; a
// malformed one is reported under the box with the offending part of the text marked (the parser's
// `position`), and Enter puts the caret there. The error shows after a pause so that a half-typed
// clause is not shouted at.
import { useEffect, useRef, useState } from 'preact/hooks';
import { checkFilter, type CheckedFilter } from './filter-error';
import { t } from '../i18n/t';
import { rich } from '../i18n/rich';

const EXAMPLE = "metrics.rmse < 0.8 and params.alpha = '0.5'";

export function FilterBox({
  value,
  onApply,
}: {
  value: string;
  onApply: (filter: string, predicate: CheckedFilter & { ok: true }) => void;
}) {
  const [text, setText] = useState(value);
  const [checked, setChecked] = useState<CheckedFilter>(() => checkFilter(value));
  const [showError, setShowError] = useState(!checked.ok);
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const change = (next: string) => {
    setText(next);
    const c = checkFilter(next);
    setChecked(c);
    clearTimeout(timer.current);
    if (c.ok) {
      setShowError(false);
      onApply(next, c);
    } else timer.current = setTimeout(() => setShowError(true), 700);
  };

  const submit = (e: Event) => {
    e.preventDefault();
    clearTimeout(timer.current);
    if (checked.ok) return onApply(text, checked);
    setShowError(true);
    if (checked.mark && input.current) {
      input.current.focus();
      input.current.setSelectionRange(checked.mark.position, checked.mark.position + checked.mark.at.trimEnd().length);
    }
  };

  const error = !checked.ok && showError ? checked : null;
  return (
    <form class="filter-box" role="search" aria-label={t('filter.form')} onSubmit={submit}>
      <label for="runs-filter">{t('filter.label')}</label>
      <div class="filter-row">
        <input
          id="runs-filter"
          ref={input}
          type="search"
          value={text}
          spellcheck={false}
          autocomplete="off"
          placeholder={EXAMPLE}
          aria-invalid={error ? true : undefined}
          aria-describedby="runs-filter-help runs-filter-error"
          onInput={(e) => change(e.currentTarget.value)}
        />
        <button type="submit">{t('filter.apply')}</button>
        {text && (
          <button type="button" onClick={() => change('')}>
            {t('filter.clear')}
          </button>
        )}
      </div>
      <p id="runs-filter-help" class="hint">
        {rich('filter.help', {
          example: <code>{EXAMPLE}</code>,
          prefixes: (
            <>
              <code>params.</code> <code>metrics.</code> <code>tags.</code> <code>attributes.</code>
            </>
          ),
          ops: <code>= != &lt; &gt; LIKE IN</code>,
          and: <code>AND</code>,
          or: <code>OR</code>,
        })}
      </p>
      <div id="runs-filter-error" role="alert" class="filter-error">
        {error && (
          <>
            <p>{error.message}</p>
            {error.mark && (
              <pre class="filter-error-text" aria-hidden="true">
                <code>
                  {error.mark.before}
                  <mark>{error.mark.at}</mark>
                  {error.mark.after}
                </code>
              </pre>
            )}
            {!checked.ok && <p class="hint">{t('filter.lastValid')}</p>}
          </>
        )}
      </div>
    </form>
  );
}
