// Modal dialogs on the native <dialog> element: the browser traps focus, closes on Escape, restores
// focus to the opener and gives the dialog its role; we add an accessible name and the form inside.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import './dialog.css';
import { t } from '../i18n/t';

let nextId = 0;

export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [titleId] = useState(() => `dialog-title-${++nextId}`);
  useEffect(() => {
    const d = ref.current!;
    if (!d.open) d.showModal();
    return () => d.open && d.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

/**
 * Ask for one line of text (a name); `onSubmit` may reject with a message shown in the dialog.
 * `suggestions` (existing names) are offered as the field's list; any other text is still accepted.
 */
export function PromptDialog(props: {
  title: string;
  label: string;
  initial?: string;
  suggestions?: readonly string[];
  submitLabel: string;
  onSubmit: (value: string) => Promise<void>;
  onClose: () => void;
}) {
  const [value, setValue] = useState(props.initial ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [inputId] = useState(() => `prompt-${++nextId}`);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(value.trim());
      props.onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form method="dialog" onSubmit={submit}>
        <label for={inputId}>{props.label}</label>
        <input
          id={inputId}
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
          required
          autoFocus
          autocomplete="off"
          list={props.suggestions?.length ? `${inputId}-list` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
        />
        {props.suggestions && props.suggestions.length > 0 && (
          <datalist id={`${inputId}-list`}>
            {props.suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        )}
        {error && (
          <p id={`${inputId}-error`} class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="button" onClick={props.onClose}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" class="primary" disabled={busy || !value.trim()}>
            {props.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Ask before doing something; `onConfirm` may reject with a message shown in the dialog. Cancel has the
 * focus, unless `focusConfirm` (Jupyter's restart: 0, 0, Enter).
 */
export function ConfirmDialog(props: {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  focusConfirm?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await props.onConfirm();
      props.onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <div class="dialog-body">{props.children}</div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" onClick={props.onClose} autoFocus={!props.focusConfirm}>
          {t('dialog.cancel')}
        </button>
        <button
          type="button"
          class={props.danger ? 'danger' : 'primary'}
          disabled={busy}
          onClick={confirm}
          autoFocus={props.focusConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
