// When a live input's value counts as chosen. Each chosen value reruns cells and may log a run, so the
// values a user passes on the way are not sent:
//
//   - while the pointer is down on the control (dragging a slider), nothing is sent; releasing it
//     sends the value it was released at;
//   - otherwise (keys, typing), a value is sent once the control has rested for `delay` ms, or at once
//     when the control commits it (`change` on Enter or blur);
//   - a value equal to the last one sent is not sent again (a drag that comes back where it began).
//
// The control shows every value as it moves (`shown`); the notebook only hears the settled ones.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export const SETTLE_MS = 250;

export interface Settle<T> {
  shown: T;
  /** The control moved (an `input` event). */
  input(value: T): void;
  /** The control committed its value (a `change` event): send it now. */
  commit(value: T): void;
  /** Pointer down on the control: hold every value until the pointer is released. */
  hold(): void;
}

export function useSettle<T>(value: T, send: (value: T) => void, delay = SETTLE_MS): Settle<T> {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const sent = useRef(value);
  const holding = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const sendRef = useRef(send);
  sendRef.current = send;

  // The stored value moved (the kernel kept a snapped value, another cell's rerun): follow it when idle.
  useEffect(() => {
    if (holding.current || timer.current !== undefined) return;
    latest.current = sent.current = value;
    setShown(value);
  }, [value]);

  // Made once (it reads refs only), so the listeners below are added once.
  const commit = useCallback((v: T) => {
    clearTimeout(timer.current);
    timer.current = undefined;
    latest.current = v;
    setShown(v);
    if (Object.is(v, sent.current)) return;
    sent.current = v;
    sendRef.current(v);
  }, []);

  useEffect(() => {
    const release = () => {
      if (!holding.current) return;
      holding.current = false;
      commit(latest.current);
    };
    addEventListener('pointerup', release);
    addEventListener('pointercancel', release);
    return () => {
      removeEventListener('pointerup', release);
      removeEventListener('pointercancel', release);
      clearTimeout(timer.current);
    };
  }, [commit]);

  return {
    shown,
    input(v) {
      latest.current = v;
      setShown(v);
      clearTimeout(timer.current);
      timer.current = holding.current ? undefined : setTimeout(() => commit(latest.current), delay);
    },
    commit,
    hold() {
      holding.current = true;
      clearTimeout(timer.current);
      timer.current = undefined;
    },
  };
}
