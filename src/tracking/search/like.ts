// SQL LIKE patterns as regular expressions, built once per clause rather than once per run.
// `%` is any run of characters (newlines included), `_` exactly one character; everything else is
// literal. MLflow's in-memory filter forgets to escape regex characters (so `.` matches anything
// there); its SQL stores do not, and this follows the SQL stores.

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

export function likePattern(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '^';
  for (const ch of pattern) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(REGEX_SPECIAL, '\\$&');
  }
  // `s`: `%` spans newlines; `u`: `_` is one code point, and `i` folds case beyond ASCII.
  return new RegExp(`${source}$`, caseInsensitive ? 'isu' : 'su');
}
