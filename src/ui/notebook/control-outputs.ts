// A live input (slider, dropdown …) is an output of its own MIME type, holding the control's id and its
// value: these read the control a kernel message draws, and move the value stored in a cell's outputs,
// so a saved notebook shows each input where it was left.
import type { ControlValue, KernelMessage } from '../../notebook/protocol';
import type { Cell } from '../../notebook/document';

const CONTROL = 'application/vnd.kiroku.control+json';

/** The id of the live input a kernel message draws, if it draws one. */
export function controlDrawnBy(m: KernelMessage): string | undefined {
  const control = m.type === 'display_data' || m.type === 'execute_result' ? m.data[CONTROL] : undefined;
  return control && typeof control.id === 'string' ? control.id : undefined;
}

/** Whether one of the cell's outputs draws the control. */
export function drawsControl(cell: Cell, controlId: string): boolean {
  return cell.type === 'code' && cell.outputs.some((o) => 'data' in o && o.data[CONTROL]?.id === controlId);
}

/** The cell with `value` in every output that draws the control. */
export function withControlValue(cell: Cell, controlId: string, value: ControlValue): Cell {
  if (cell.type !== 'code') return cell;
  const outputs = cell.outputs.map((o) =>
    'data' in o && o.data[CONTROL]?.id === controlId
      ? { ...o, data: { ...o.data, [CONTROL]: { ...o.data[CONTROL], value } } }
      : o,
  );
  return { ...cell, outputs };
}
