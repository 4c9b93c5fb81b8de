// A part of the page that failed to render shows why, in place, and the rest stays usable: every
// output, cell and page, and the app itself, sit inside one of these. Without it, one exception while
// rendering (a malformed output, an odd value from a server) unmounts the whole tree: a blank page.
import { Component, type ComponentChildren } from 'preact';
import { t } from '../i18n/t';
import { dropPrerendered } from '../prerendered';

export interface ErrorBoundaryProps {
  /** What failed, for the message: "this output", "cell 3", "the Notebook page". */
  what: string;
  /** When this changes (a new route, new data), the failed part is tried again. */
  resetKey?: unknown;
  /** Told once per failure (e.g. to stop reopening what failed after a reload). */
  onError?: (error: Error) => void;
  children?: ComponentChildren;
}

interface State {
  error: Error | null;
}

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null };

  static override getDerivedStateFromError(error: unknown): State {
    return { error: asError(error) };
  }

  override componentDidCatch(error: unknown): void {
    // For whoever debugs it (a warning: the message is already on the page).
    console.warn(`kiroku: could not show ${this.props.what}:`, error);
    dropPrerendered(); // the message shows, not a prerendered view that will never be replaced
    this.props.onError?.(asError(error));
  }

  override componentDidUpdate(previous: ErrorBoundaryProps): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div class="render-error" role="alert">
        <p>{t('error.show', { what: this.props.what, error: error.message || error.name })}</p>
        <button type="button" class="small" onClick={() => this.setState({ error: null })}>
          {t('error.retry')}
        </button>
      </div>
    );
  }
}
