// The notebook's toolbar: run, stop, restart, clear, add — each also on a key (shown in its title) —
// and the kernel's status in a live region, so a screen reader hears "busy" and "idle".
import type { NotebookController } from './controller';
import type { NotebookState } from './notebook-state';
import { t, type MessageKey } from '../i18n/t';

const STATE_TEXT: Record<string, MessageKey> = {
  starting: 'kernel.starting',
  idle: 'kernel.idle',
  busy: 'kernel.busy',
  dead: 'kernel.dead',
  unavailable: 'kernel.unavailable',
};

/** `onRestart`: ask before restarting (the notebook view owns the question). */
export function Toolbar({
  state,
  controller,
  onRestart,
}: {
  state: NotebookState;
  controller: NotebookController;
  onRestart: () => void;
}) {
  const { kernel, selectedId } = state;
  const running = Object.keys(state.runs).length > 0;
  const button = (label: string, title: string, onClick: () => void, disabled = false, icon = '') => (
    <button type="button" title={title} onClick={onClick} disabled={disabled}>
      {icon && <span aria-hidden="true">{icon} </span>}
      {label}
    </button>
  );
  return (
    <div class="nb-toolbar" role="toolbar" aria-label={t('tb.label')}>
      <div class="group">
        {button(t('tb.run'), t('tb.runTitle'), () => controller.runAndAdvance(), !selectedId, '▶')}
        {button(t('tb.runAll'), t('tb.runAllTitle'), () => controller.runAll(), false, '▶▶')}
        {button(t('tb.runAbove'), t('tb.runAboveTitle'), () => controller.runAbove())}
        {button(t('tb.runBelow'), t('tb.runBelowTitle'), () => controller.runBelow())}
      </div>
      <div class="group">
        {button(t('tb.interrupt'), t('tb.interruptTitle'), () => controller.interrupt(), !running, '■')}
        {button(t('tb.restart'), t('tb.restartTitle'), onRestart, false, '↻')}
        {button(t('tb.clear'), t('tb.clearTitle'), () => controller.clearOutputs())}
      </div>
      <div class="group">
        {button(t('tb.addCode'), t('tb.addCodeTitle'), () => controller.insert('below'), false, '+')}
        {button(
          t('tb.addMarkdown'),
          t('tb.addMarkdownTitle'),
          () => controller.insert('below', undefined, 'markdown'),
          false,
          '+',
        )}
      </div>
      <p class={`kernel-status kernel-${kernel.state}`} role="status" aria-live="polite">
        <span class="dot" aria-hidden="true" />
        {STATE_TEXT[kernel.state] ? t(STATE_TEXT[kernel.state]!) : kernel.state}
        {kernel.backend && <span class="backend">{t('kernel.backend', { backend: kernel.backend })}</span>}
        {kernel.detail && <span class="kernel-detail"> · {kernel.detail}</span>}
      </p>
    </div>
  );
}
