// The Files panel's "Copy code" puts a file's name into cell code: the name must stay a string.
import { describe, expect, it } from 'vitest';
import { loadCsvCode } from '../../../src/ui/notebook/files-api';

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...a: unknown[]) => Promise<unknown>;

/** Runs the snippet as a cell would, with a loadCSV that records its arguments, and a sentinel global. */
async function run(code: string): Promise<{ args: unknown[][]; sideEffects: unknown }> {
  const args: unknown[][] = [];
  const sandbox: Record<string, unknown> = {};
  await new AsyncFunction('loadCSV', 'globalThis', code)((...a: unknown[]) => args.push(a), sandbox);
  return { args, sideEffects: sandbox.pwned };
}

describe('loadCsvCode', () => {
  const hostile = [
    "x'); globalThis.pwned = 1; ('.csv",
    'x"); globalThis.pwned = 1; ("y.csv',
    "back\\slash\\'.csv",
    'tick`${globalThis.pwned = 1}`.csv',
    'line\nbreak\r\u2028\u2029.csv',
    '</script><script>alert(1)</script>.csv',
  ];

  it.each(hostile)('calls loadCSV with exactly the name %j and runs nothing else', async (name) => {
    const { args, sideEffects } = await run(loadCsvCode(name));
    expect(args).toEqual([[name]]);
    expect(sideEffects).toBeUndefined();
  });

  it('reads as the README shows for a plain name', () => {
    expect(loadCsvCode('winequality-red.csv')).toBe('await loadCSV("winequality-red.csv")');
  });
});
