// A live input in a cell's output (`ui.slider(…)` and the rest, see notebook/worker/controls.ts): a
// native form control with its label, so keyboards and screen readers use it as any other. Moving it
// tells the notebook once the value settles (use-settle.ts); the notebook reruns the cells that read it.
// A control no kernel of this page made (from a saved or shared notebook) is drawn disabled, saying why.
import { useContext, useState } from 'preact/hooks';
import type { ControlSpec, ControlValue } from '../../../notebook/protocol';
import { ControlsContext } from './controls-context';
import { useSettle } from './use-settle';
import './controls.css';
import { t } from '../../i18n/t';

/** Every string this component shows, from the message catalog. */
const TEXT = {
  get notLive() {
    return t('out.notLive');
  },
  get readOnly() {
    return t('out.readOnly');
  },
  clicks: (n: number) => t('out.clicks', { count: n }),
};

let nextId = 0;

export function ControlOutput({ spec }: { spec: ControlSpec }) {
  const api = useContext(ControlsContext);
  const [id] = useState(() => `control-${++nextId}`);
  const live = !!api?.live(spec.id);
  const problem = api?.problem(spec.id);
  const hint = !api ? TEXT.readOnly : !live ? TEXT.notLive : undefined;
  const describedBy = hint || problem ? `${id}-note` : undefined;
  const change = (value: ControlValue) => api?.change(spec.id, value);
  return (
    <div class={`control control-${spec.kind}`}>
      <Input spec={spec} id={id} disabled={!live} describedBy={describedBy} change={change} />
      {(hint || problem) && (
        <span
          id={`${id}-note`}
          class={problem ? 'control-problem' : 'control-hint'}
          role={problem ? 'alert' : undefined}>
          {problem ?? hint}
        </span>
      )}
    </div>
  );
}

interface InputProps {
  spec: ControlSpec;
  id: string;
  disabled: boolean;
  describedBy: string | undefined;
  change: (value: ControlValue) => void;
}

function Input(props: InputProps) {
  switch (props.spec.kind) {
    case 'slider':
      return <Slider {...props} />;
    case 'number':
      return <NumberInput {...props} />;
    case 'text':
      return <TextInput {...props} />;
    case 'select':
      return (
        <>
          <label for={props.id}>{props.spec.label}</label>
          <select
            id={props.id}
            disabled={props.disabled}
            aria-describedby={props.describedBy}
            value={String(props.spec.value)}
            onChange={(e) => props.change(Number(e.currentTarget.value))}>
            {(props.spec.options ?? []).map((label, i) => (
              <option key={i} value={String(i)}>
                {label}
              </option>
            ))}
          </select>
        </>
      );
    case 'checkbox':
      return (
        <label>
          <input
            type="checkbox"
            id={props.id}
            disabled={props.disabled}
            aria-describedby={props.describedBy}
            checked={props.spec.value === true}
            onChange={(e) => props.change(e.currentTarget.checked)}
          />{' '}
          {props.spec.label}
        </label>
      );
    case 'button': {
      const clicks = Number(props.spec.value) || 0;
      return (
        <>
          <button
            type="button"
            id={props.id}
            disabled={props.disabled}
            aria-describedby={props.describedBy}
            onClick={() => props.change(clicks + 1)}>
            {props.spec.label}
          </button>
          {clicks > 0 && <span class="control-value">{TEXT.clicks(clicks)}</span>}
        </>
      );
    }
    default:
      return null;
  }
}

function Slider({ spec, id, disabled, describedBy, change }: InputProps) {
  const s = useSettle(Number(spec.value), change);
  return (
    <>
      <label for={id}>{spec.label}</label>
      <input
        type="range"
        id={id}
        min={spec.min}
        max={spec.max}
        step={spec.step}
        value={s.shown}
        disabled={disabled}
        aria-describedby={describedBy}
        onPointerDown={() => s.hold()}
        onInput={(e) => s.input(Number(e.currentTarget.value))}
      />
      <output for={id} class="control-value">
        {s.shown}
      </output>
    </>
  );
}

function NumberInput({ spec, id, disabled, describedBy, change }: InputProps) {
  const s = useSettle(Number(spec.value), change, 500);
  const read = (el: HTMLInputElement) =>
    el.value.trim() === '' || !Number.isFinite(el.valueAsNumber) ? undefined : el.valueAsNumber;
  return (
    <>
      <label for={id}>{spec.label}</label>
      <input
        type="number"
        id={id}
        min={spec.min}
        max={spec.max}
        step={spec.step ?? 'any'}
        value={s.shown}
        disabled={disabled}
        aria-describedby={describedBy}
        onInput={(e) => {
          const v = read(e.currentTarget);
          if (v !== undefined) s.input(v);
        }}
        onChange={(e) => {
          const v = read(e.currentTarget);
          if (v !== undefined) s.commit(v);
        }}
      />
    </>
  );
}

function TextInput({ spec, id, disabled, describedBy, change }: InputProps) {
  const s = useSettle(String(spec.value), change, 500);
  return (
    <>
      <label for={id}>{spec.label}</label>
      <input
        type="text"
        id={id}
        value={s.shown}
        placeholder={spec.placeholder}
        disabled={disabled}
        aria-describedby={describedBy}
        onInput={(e) => s.input(e.currentTarget.value)}
        onChange={(e) => s.commit(e.currentTarget.value)}
      />
    </>
  );
}
