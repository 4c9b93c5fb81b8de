// The page's (or the kernel's) one fluent API instance. The public API re-exports it as `mlflow`, and
// the UI reads through its client, so both see the same tracking URI and the same active run.
import { Fluent } from './fluent';

export const mlflow = new Fluent();
