// What a user did in the prerendered walkthrough (ui/prerendered.ts) before the app's view replaced it,
// carried over to the open notebook in the same frame: the code typed, the caret and focus, and the run
// keys pressed, which the cells' own editors receive again. A prerendered cell is the stored cell at the
// same place when its code is the one the view showed (a first visit stores the walkthrough it shows);
// otherwise (the view stood in front of another notebook) what was typed is kept in a new cell at the end.
import type { PrerenderedHandover } from '../prerendered';
import type { NotebookController } from './controller';

/** The stand-in textarea of a cell's editor, drawn by the app's view in this frame (Monaco comes later). */
const standIn = (cellId: string) =>
  document.getElementById(`cell-${cellId}`)?.querySelector<HTMLTextAreaElement>('.cell-editor textarea.code-static');

export function carryOver(handover: PrerenderedHandover, controller: NotebookController): void {
  const cells = controller.snapshot.doc.cells;
  const ids = new Map<number, string>();
  for (const { index, shown, typed } of handover.cells) {
    const same = cells[index];
    if (same?.type === 'code' && same.source === shown) {
      ids.set(index, same.id);
      if (typed === shown) continue;
      // The textarea's own value first, so the caret set below stays where it is when the view re-renders.
      const el = standIn(same.id);
      if (el) el.value = typed;
      controller.setSource(same.id, typed);
    } else if (typed !== shown) {
      const last = controller.snapshot.doc.cells.at(-1)?.id ?? null;
      controller.setSource(controller.insert('below', last, 'code', 'command'), typed);
    }
  }
  const focus = handover.focus;
  const focused = focus && ids.has(focus.index) ? standIn(ids.get(focus.index)!) : null;
  if (focus && focused) {
    focused.focus({ preventScroll: true });
    focused.setSelectionRange(focus.start, focus.end, focus.backward ? 'backward' : 'forward');
  }
  for (const { index, ...modifiers } of handover.keys) {
    const id = ids.get(index);
    const el = id === undefined ? null : standIn(id);
    el?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...modifiers }));
  }
}
