// Long text (a chatty training loop, a huge array printed whole) is cut to its first lines with a
// "Show more" button: a notebook with 100k lines of output must still scroll smoothly.
import { useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { formatInteger } from '../../format';

const MAX_LINES = 200;
const MAX_CHARS = 20_000;

export function truncate(text: string, maxLines = MAX_LINES, maxChars = MAX_CHARS): { shown: string; hidden: number } {
  let end = Math.min(text.length, maxChars);
  let lines = 0;
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10 && ++lines >= maxLines) {
      end = i + 1;
      break;
    }
  }
  return { shown: text.slice(0, end), hidden: text.length - end };
}

export function TruncatedText({ text, class: className }: { text: string; class: string }) {
  const [limit, setLimit] = useState(1);
  const { shown, hidden } = truncate(text, MAX_LINES * limit, MAX_CHARS * limit);
  return (
    <>
      <pre class={className}>{shown}</pre>
      {hidden > 0 && (
        <button type="button" class="show-more" onClick={() => setLimit((l) => l * 4)}>
          {t('out.moreChars', { count: formatInteger(hidden) })}
        </button>
      )}
    </>
  );
}
