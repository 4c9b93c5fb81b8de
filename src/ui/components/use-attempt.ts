// A form's actions that may be refused (a taken name, a reserved alias): run one, show its error
// message in place of the previous one, and say whether it went through.
import { useState } from 'preact/hooks';

export function useAttempt() {
  const [error, setError] = useState<string | null>(null);
  const attempt = async (fn: () => Promise<void>): Promise<boolean> => {
    setError(null);
    try {
      await fn();
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    }
  };
  return { error, setError, attempt };
}
