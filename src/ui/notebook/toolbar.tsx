// The notebook's toolbar: run, stop, restart, clear, add — each also on a key (shown in its title) —
// and the kernel's status in a live region, so a screen reader hears "busy" and "idle".
import type { NotebookController, NotebookState } from './controller';

const STATE_TEXT: Record<string, string> = {
  starting: 'Kernel starting…',
  idle: 'Kernel idle',
  busy: 'Kernel busy',
  dead: 'Kernel dead — restart it to run cells',
  unavailable: 'No kernel',
};

/** `onRestart`: ask before restarting (the notebook view owns the question). */
export function Toolbar({ state, controller, onRestart }: { state: NotebookState; controller: NotebookController; onRestart: () => void }) {
  const { kernel, selectedId } = state;
  const running = Object.keys(state.runs).length > 0;
  const button = (label: string, title: string, onClick: () => void, disabled = false, icon = '') => (
    <button type="button" title={title} onClick={onClick} disabled={disabled}>
      {icon && <span aria-hidden="true">{icon} </span>}
      {label}
    </button>
  );
  return (
    <div class="nb-toolbar" role="toolbar" aria-label="Notebook">
      <div class="group">
        {button('Run cell', 'Run the selected cell and select the next (Shift+Enter)', () => controller.runAndAdvance(), !selectedId, '▶')}
        {button('Run all', 'Run every cell, top to bottom', () => controller.runAll(), false, '▶▶')}
        {button('Run above', 'Run the cells above the selected one', () => controller.runAbove())}
        {button('Run below', 'Run the selected cell and those below it', () => controller.runBelow())}
      </div>
      <div class="group">
        {button('Interrupt', 'Stop the running cell; variables are kept (I, I)', () => controller.interrupt(), !running, '■')}
        {button('Restart kernel', 'Start a fresh kernel: every variable is lost (0, 0)', onRestart, false, '↻')}
        {button('Clear outputs', 'Clear every cell’s outputs', () => controller.clearOutputs())}
      </div>
      <div class="group">
        {button('Add code cell', 'Insert a code cell below the selected one (B)', () => controller.insert('below'), false, '+')}
        {button('Add markdown cell', 'Insert a markdown cell below the selected one', () => controller.insert('below', undefined, 'markdown'), false, '+')}
      </div>
      <p class={`kernel-status kernel-${kernel.state}`} role="status" aria-live="polite">
        <span class="dot" aria-hidden="true" />
        {STATE_TEXT[kernel.state] ?? kernel.state}
        {kernel.backend && <span class="backend"> · TensorFlow.js backend: {kernel.backend}</span>}
        {kernel.detail && <span class="kernel-detail"> · {kernel.detail}</span>}
      </p>
    </div>
  );
}
