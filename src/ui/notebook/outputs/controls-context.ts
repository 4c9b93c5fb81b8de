// How a live input drawn in a cell's output reaches the open notebook: the notebook view provides this,
// the control output reads it. Without a provider (a shared notebook shown read-only) controls are drawn
// disabled: nothing can move them.
import { createContext } from 'preact';
import type { ControlValue } from '../../../notebook/protocol';

export interface ControlsApi {
  /** Whether this kernel made the control (one drawn from a saved notebook cannot move until its cell runs again). */
  live(controlId: string): boolean;
  /** Why the control's last move reran nothing. */
  problem(controlId: string): string | undefined;
  /** The control settled on a value (the view debounced the drag). */
  change(controlId: string, value: ControlValue): void;
}

export const ControlsContext = createContext<ControlsApi | null>(null);
