// Live inputs: `ui.slider({ min, max, step, value, label })`, `ui.number`, `ui.select`, `ui.checkbox`,
// `ui.text` and `ui.button` make a control a cell shows like any value (its last expression or
// `display(c)`), drawn by the page as a form control. Other cells read `c.value`. When the user moves
// the control, the page sends `control_change`: the kernel sets the value here — checked and brought
// into range, as the browser's own control would — and finds the cells to rerun (dependents.ts).
//
// A control's value is only ever set from the page (the `value` property has no setter), so every
// value a cell reads is one the user saw. Each control gets an id unique across kernels (the page
// tells a control of this kernel from one drawn from a saved notebook, which nothing can move).
import type { ControlKind, ControlSpec, ControlValue } from '../protocol';
import { randomHex } from '../../lib/ids';

const TEXT_MAX = 10_000;
const OPTIONS_MAX = 1_000;
const LABEL_MAX = 200;

type Option = string | number | boolean;

/** A live input. `value` is what the user chose; the page moves it, cells read it. */
export class Control<T = unknown> {
  /** @internal the value the page last set (a select's is the option's index). */
  private current: ControlValue;

  constructor(
    readonly id: string,
    readonly kind: ControlKind,
    private readonly spec: Omit<ControlSpec, 'id' | 'kind' | 'value'>,
    initial: ControlValue,
    private readonly choices: readonly Option[] = [],
  ) {
    this.current = initial;
  }

  get value(): T {
    return (this.kind === 'select' ? this.choices[this.current as number] : this.current) as T;
  }

  get label(): string {
    return this.spec.label;
  }

  /** What the page draws. */
  toSpec(): ControlSpec {
    return { id: this.id, kind: this.kind, ...this.spec, value: this.current };
  }

  /** `[slider alpha = 0.1]`: what a cell's text output shows for the control. */
  toString(): string {
    return `[${this.kind} ${this.spec.label}${
      this.kind === 'button' ? `: ${String(this.current)} clicks` : ` = ${JSON.stringify(this.value)}`
    }]`;
  }

  /** @internal Sets the value from the page's control; returns the value kept, or throws saying why not. */
  set(raw: unknown): ControlValue {
    this.current = accept(this.kind, this.spec, this.current, raw, this.choices.length);
    return this.current;
  }
}

export function isControl(value: unknown): value is Control {
  return value instanceof Control;
}

/** The controls a kernel made, by id: the page's changes find them here. */
export class ControlRegistry {
  private readonly controls = new Map<string, Control>();

  get(id: string): Control | undefined {
    return this.controls.get(id);
  }

  /** The `ui` object cells get. */
  factories(): UiFactories {
    const make = <T>(
      kind: ControlKind,
      spec: Omit<ControlSpec, 'id' | 'kind' | 'value'>,
      initial: ControlValue,
      choices?: Option[],
    ) => {
      const control = new Control<T>(`${kind}-${randomHex(6)}`, kind, spec, initial, choices);
      this.controls.set(control.id, control as Control);
      return control;
    };
    return {
      slider(options = {}) {
        const o = record('ui.slider', options);
        const min = finite('ui.slider', 'min', o.min, 0);
        const max = finite('ui.slider', 'max', o.max, 1);
        if (!(min < max)) throw new RangeError(`ui.slider: min (${min}) must be less than max (${max}).`);
        const step = positive('ui.slider', 'step', o.step, (max - min) / 100);
        const spec = { label: label('ui.slider', o.label, 'slider'), min, max, step };
        return make<number>('slider', spec, snap(finite('ui.slider', 'value', o.value, min), min, max, step));
      },
      number(options = {}) {
        const o = record('ui.number', options);
        const min = o.min === undefined ? undefined : finite('ui.number', 'min', o.min, 0);
        const max = o.max === undefined ? undefined : finite('ui.number', 'max', o.max, 0);
        if (min !== undefined && max !== undefined && !(min <= max))
          throw new RangeError(`ui.number: min (${min}) must not be greater than max (${max}).`);
        const step = o.step === undefined ? undefined : positive('ui.number', 'step', o.step, 1);
        const spec = {
          label: label('ui.number', o.label, 'number'),
          ...(min !== undefined ? { min } : {}),
          ...(max !== undefined ? { max } : {}),
          ...(step !== undefined ? { step } : {}),
        };
        return make<number>('number', spec, clamp(finite('ui.number', 'value', o.value, min ?? 0), min, max));
      },
      select(options) {
        const o = record('ui.select', options);
        if (!Array.isArray(o.options) || o.options.length === 0)
          throw new TypeError(
            'ui.select: options must be a non-empty array (of strings, numbers or booleans, or { label, value } ' +
              'objects).',
          );
        if (o.options.length > OPTIONS_MAX)
          throw new RangeError(`ui.select: at most ${OPTIONS_MAX} options (got ${o.options.length}).`);
        const choices: Option[] = [];
        const labels: string[] = [];
        o.options.forEach((opt: unknown, i: number) => {
          const pair =
            typeof opt === 'object' && opt !== null
              ? (opt as { label?: unknown; value?: unknown })
              : { label: opt, value: opt };
          if (!isOption(pair.value))
            throw new TypeError(
              `ui.select: option ${i} must be a string, number or boolean (or { label, value } with one), ` +
                `not ${describe(pair.value)}.`,
            );
          choices.push(pair.value);
          labels.push(String(pair.label ?? pair.value).slice(0, LABEL_MAX));
        });
        let index = 0;
        if (o.value !== undefined) {
          index = choices.findIndex((c) => Object.is(c, o.value));
          if (index < 0) throw new RangeError(`ui.select: value ${describe(o.value)} is not one of the options.`);
        }
        return make('select', { label: label('ui.select', o.label, 'select'), options: labels }, index, choices);
      },
      checkbox(options = {}) {
        const o = record('ui.checkbox', options);
        if (o.value !== undefined && typeof o.value !== 'boolean')
          throw new TypeError(`ui.checkbox: value must be true or false, not ${describe(o.value)}.`);
        return make<boolean>('checkbox', { label: label('ui.checkbox', o.label, 'checkbox') }, o.value ?? false);
      },
      text(options = {}) {
        const o = record('ui.text', options);
        if (o.value !== undefined && typeof o.value !== 'string')
          throw new TypeError(`ui.text: value must be a string, not ${describe(o.value)}.`);
        if (o.placeholder !== undefined && typeof o.placeholder !== 'string')
          throw new TypeError(`ui.text: placeholder must be a string, not ${describe(o.placeholder)}.`);
        const spec = {
          label: label('ui.text', o.label, 'text'),
          ...(o.placeholder ? { placeholder: o.placeholder.slice(0, LABEL_MAX) } : {}),
        };
        return make<string>('text', spec, (o.value ?? '').slice(0, TEXT_MAX));
      },
      button(options = {}) {
        const o = record('ui.button', options);
        return make<number>('button', { label: label('ui.button', o.label, 'button') }, 0);
      },
    };
  }
}

/** `ui` in a cell. Option names are Observable's and marimo's (`min`, `max`, `step`, `value`, `label`). */
export interface UiFactories {
  slider(options?: { min?: number; max?: number; step?: number; value?: number; label?: string }): Control<number>;
  number(options?: { min?: number; max?: number; step?: number; value?: number; label?: string }): Control<number>;
  select<T extends Option>(options: {
    options: ReadonlyArray<T | { label: string; value: T }>;
    value?: T;
    label?: string;
  }): Control<T>;
  checkbox(options?: { value?: boolean; label?: string }): Control<boolean>;
  text(options?: { value?: string; placeholder?: string; label?: string }): Control<string>;
  /** `value` counts the clicks: a cell reading it reruns on each. */
  button(options?: { label?: string }): Control<number>;
}

// ── checks ───────────────────────────────────────────────────────────────────

const isOption = (v: unknown): v is Option =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : String(v);
}

function record(fn: string, options: unknown): Record<string, any> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new TypeError(`${fn}: expected an options object, e.g. ${fn}({ label: 'alpha' }), not ${describe(options)}.`);
  return options as Record<string, unknown>;
}

function finite(fn: string, name: string, v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new TypeError(`${fn}: ${name} must be a finite number, not ${describe(v)}.`);
  return v;
}

function positive(fn: string, name: string, v: unknown, fallback: number): number {
  const n = finite(fn, name, v, fallback);
  if (!(n > 0)) throw new RangeError(`${fn}: ${name} must be greater than 0, not ${n}.`);
  return n;
}

function label(fn: string, v: unknown, fallback: string): string {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !v.trim())
    throw new TypeError(`${fn}: label must be a non-empty string, not ${describe(v)}.`);
  return v.slice(0, LABEL_MAX);
}

function clamp(v: number, min: number | undefined, max: number | undefined): number {
  return Math.min(max ?? Infinity, Math.max(min ?? -Infinity, v));
}

/**
 * The value on the slider's grid (min + k·step) nearest v, within [min, max], without float noise
 * (0.30000000000000004).
 */
export function snap(v: number, min: number, max: number, step: number): number {
  const k = Math.round((clamp(v, min, max) - min) / step);
  const decimals = Math.max(digits(step), digits(min));
  const snapped = Number((min + k * step).toFixed(Math.min(decimals, 15)));
  return snapped > max ? Number((min + (k - 1) * step).toFixed(Math.min(decimals, 15))) : snapped;
}

function digits(x: number): number {
  const s = String(x);
  const e = s.match(/e-(\d+)$/);
  if (e) return Number(e[1]) + (s.split('e')[0]!.split('.')[1]?.length ?? 0);
  return s.split('.')[1]?.length ?? 0;
}

/** A value from the page, checked as its kind requires; what the control keeps. */
function accept(
  kind: ControlKind,
  spec: Omit<ControlSpec, 'id' | 'kind' | 'value'>,
  current: ControlValue,
  raw: unknown,
  choices: number,
): ControlValue {
  switch (kind) {
    case 'slider':
      if (typeof raw !== 'number' || !Number.isFinite(raw))
        throw new TypeError(`a slider's value must be a finite number, not ${describe(raw)}`);
      return snap(raw, spec.min!, spec.max!, spec.step!);
    case 'number':
      if (typeof raw !== 'number' || !Number.isFinite(raw))
        throw new TypeError(`a number's value must be a finite number, not ${describe(raw)}`);
      return clamp(raw, spec.min, spec.max);
    case 'select':
      if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw >= choices)
        throw new RangeError(`no option ${describe(raw)} in this select`);
      return raw;
    case 'checkbox':
      if (typeof raw !== 'boolean')
        throw new TypeError(`a checkbox's value must be true or false, not ${describe(raw)}`);
      return raw;
    case 'text':
      if (typeof raw !== 'string') throw new TypeError(`a text's value must be a string, not ${describe(raw)}`);
      return raw.slice(0, TEXT_MAX);
    case 'button':
      return (current as number) + 1; // a click, whatever the page sent
  }
}
