// `npm run lint [-- Biome's options and paths]`: Biome's check (the formatter's check and the linter, writing
// nothing; warnings fail too), then the line length Biome's formatter does not enforce on comments and strings
// (check-line-length.mjs), over the same paths (the whole repository when none is named). Both always run, so
// one run lists every problem; it fails when either does. Biome prints to stdout (its JSON reporter stays
// parseable, test/lint/biome.test.ts reads it), the line check to stderr.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLineLength } from './check-line-length.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const biome = spawnSync(resolve(ROOT, 'node_modules/.bin/biome'), ['check', '--error-on-warnings', ...args], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (biome.error) throw biome.error;
// The paths among the arguments: those that are not options (nor an option's value, which names no file).
const paths = args.filter((a) => !a.startsWith('-') && existsSync(resolve(ROOT, a)));
const linesFit = checkLineLength(paths);
process.exit(biome.status === 0 && linesFit ? 0 : 1);
