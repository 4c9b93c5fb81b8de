// The version `kiroku --version` and the scoring server's GET /version report: the build's (a bundle
// defines it), else package.json's when run from a checkout.
import { readFileSync } from 'node:fs';
import { KIROKU_VERSION } from '../lib/build-info';

export function cliVersion(): string {
  if (KIROKU_VERSION !== '0.0.0-dev') return KIROKU_VERSION;
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return KIROKU_VERSION;
  }
}
