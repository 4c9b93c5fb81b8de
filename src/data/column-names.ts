// Column names as a CSV header gives them, made usable and unique the way pandas does.

/**
 * Make header names usable and unique the way pandas does, so a pandas user finds the names they
 * expect: surrounding spaces trimmed, an empty name becomes `Unnamed: j` (j 0-based: pandas writes its
 * index that way), and a repeated name gets `.1`, `.2`, … (skipping names already taken).
 */
export function uniqueNames(raw: string[]): string[] {
  const names = raw.map((r, j) => {
    const t = r.trim();
    return t === '' ? `Unnamed: ${j}` : t;
  });
  const taken = new Set(names);
  const seen = new Set<string>();
  return names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let k = 1;
    while (taken.has(`${name}.${k}`)) k++;
    const unique = `${name}.${k}`;
    taken.add(unique);
    seen.add(unique);
    return unique;
  });
}
