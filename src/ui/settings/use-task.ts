// One long action of a settings section at a time (export, import): what it is doing while it runs,
// then what came of it — a status, or an alert with the error — as the sections show them.
import { useState } from 'preact/hooks';

export interface TaskMessage {
  kind: 'status' | 'alert';
  text: string;
}

export function useTask() {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<TaskMessage | null>(null);
  /** Run `work` (which may report progress); its text becomes the status, a throw the alert "<failure>: …". */
  const run = async (label: string, failure: string, work: (progress: (text: string) => void) => Promise<string>) => {
    setBusy(label);
    setMessage(null);
    try {
      setMessage({ kind: 'status', text: await work(setBusy) });
    } catch (err) {
      setMessage({ kind: 'alert', text: `${failure}: ${(err as Error).message}` });
    } finally {
      setBusy(null);
    }
  };
  return { busy, message, run };
}
