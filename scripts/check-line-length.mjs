// No line over 120 characters (biome.jsonc's lineWidth) in the repository's code. Biome's formatter wraps code
// to that width but leaves comments and strings as written; this check, which `npm run lint` runs after Biome
// (scripts/lint.mjs), holds them to it too. It counts characters (code points), not bytes: a line of Japanese
// text is as long as it looks. A tab counts as one.
//
//   node scripts/check-line-length.mjs [file or folder …]
//
// checks the files named, or every file git lists in the working tree (tracked, or new and not ignored: what
// Biome sees too, through its `vcs` setting) whose kind is below. Markdown is prose with hand-aligned tables,
// and the scikit-learn reference fixtures (test/fixtures/*.json) are data written by their generator scripts,
// so neither is checked. The editor's cell types (src/ui/notebook/cell-types/*.d.ts.txt) are checked: their
// generator formats them with Biome, and their comments are the source's.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAX_LINE = 120;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CODE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|json|jsonc|css|html|py|sh|d\.ts\.txt)$/;
const NOT_CHECKED = /^test\/fixtures\/[^/]*\.json$/;

/** The files to check, relative to the repository: those git lists under `paths` (the whole tree when none). */
export function filesToCheck(paths = []) {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...paths], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (git.status !== 0) throw new Error(`git ls-files failed: ${git.stderr || git.error}`);
  return [...new Set(git.stdout.split('\0'))]
    .filter((f) => CODE.test(f) && !NOT_CHECKED.test(f))
    .filter((f) => existsSync(resolve(ROOT, f))) // listed by git, deleted in the working tree
    .sort();
}

/** Every line over MAX_LINE characters in those files: `{ file, line, length }`, line counted from 1. */
export function longLines(files) {
  const found = [];
  for (const file of files) {
    const lines = readFileSync(resolve(ROOT, file), 'utf8').split('\n');
    lines.forEach((text, i) => {
      const length = [...text.replace(/\r$/, '')].length;
      if (length > MAX_LINE) found.push({ file, line: i + 1, length });
    });
  }
  return found;
}

/** Prints each long line of the files under `paths` to stderr; returns whether there was none. */
export function checkLineLength(paths = []) {
  const found = longLines(filesToCheck(paths));
  for (const { file, line, length } of found) console.error(`${file}:${line}: ${length} characters`);
  if (found.length) {
    console.error(
      `${found.length} line${found.length === 1 ? '' : 's'} over ${MAX_LINE} characters. No line may be longer ` +
        `than ${MAX_LINE} characters (code points): Biome wraps code, but comments and strings are wrapped by hand.`,
    );
  }
  return found.length === 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(checkLineLength(process.argv.slice(2)) ? 0 : 1);
}
