// Copy text to the clipboard, and say so where a screen reader hears it (the label changes to
// "Copied"). The clipboard API needs a secure context and permission; without it we select the text.
import { useState } from 'preact/hooks';
import { t } from '../i18n/t';

export function CopyButton({ text, label, class: cls }: { text: string; label: string; class?: string }) {
  const [done, setDone] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone('copied');
    } catch {
      setDone('failed');
    }
    setTimeout(() => setDone('idle'), 1500);
  };
  return (
    <>
      <button type="button" class={`copy ${cls ?? ''}`} onClick={copy} aria-label={label} title={label}>
        {done === 'copied' ? t('common.copied') : done === 'failed' ? t('copy.failed') : t('common.copy')}
      </button>
      <span class="vh" aria-live="polite">
        {done === 'copied' ? t('copy.done') : done === 'failed' ? t('copy.select') : ''}
      </span>
    </>
  );
}
