// Jupyter's command-mode keys, as a pure function from a key press (and the one before it, for the
// double presses D,D / I,I / 0,0) to a notebook command. Edit-mode keys are bound in the editor
// (code-editor.tsx); this only runs when the focus is on a cell, not inside its editor.

export type Command =
  | 'edit'
  | 'run'
  | 'run-and-advance'
  | 'run-and-insert'
  | 'insert-above'
  | 'insert-below'
  | 'delete'
  | 'undo-delete'
  | 'to-markdown'
  | 'to-code'
  | 'interrupt'
  | 'restart'
  | 'select-previous'
  | 'select-next'
  | 'move-up'
  | 'move-down'
  | 'save';

export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** How long the second press of a double press may wait. */
export const DOUBLE_PRESS_MS = 800;

/** Keys that mean something only when pressed twice in a row (a single D must not delete). */
const DOUBLES: Record<string, Command> = { d: 'delete', i: 'interrupt', '0': 'restart' };

export interface KeyState {
  /** The previous double-press key and when it was pressed. */
  pending?: { key: string; at: number };
}

/**
 * The command for a key press in command mode, or undefined if the key is not ours (the browser keeps
 * its default). `state` is updated for double presses.
 */
export function commandFor(e: KeyPress, state: KeyState, now: number): Command | undefined {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const mod = e.ctrlKey || e.metaKey;
  const previous = state.pending;
  state.pending = undefined;

  if (key === 'Enter') {
    if (e.shiftKey) return 'run-and-advance';
    if (mod) return 'run';
    if (e.altKey) return 'run-and-insert';
    return 'edit';
  }
  if (mod && key === 's') return 'save';
  if (mod && e.shiftKey && key === 'ArrowUp') return 'move-up';
  if (mod && e.shiftKey && key === 'ArrowDown') return 'move-down';
  if (mod || e.altKey) return undefined; // leave browser and OS shortcuts alone

  if (key in DOUBLES && !e.shiftKey) {
    if (previous?.key === key && now - previous.at <= DOUBLE_PRESS_MS) return DOUBLES[key];
    state.pending = { key, at: now };
    return undefined;
  }
  switch (key) {
    case 'a':
      return 'insert-above';
    case 'b':
      return 'insert-below';
    case 'z':
      return 'undo-delete';
    case 'm':
      return 'to-markdown';
    case 'y':
      return 'to-code';
    case 'ArrowUp':
    case 'k':
      return 'select-previous';
    case 'ArrowDown':
    case 'j':
      return 'select-next';
    default:
      return undefined;
  }
}
