// Which CSV column the page compares predictions with, by default: the model's output column when the
// CSV has it, else the one column that is not a model input (none when that is ambiguous). The user
// can choose another.

export function guessTarget(
  inputs: readonly string[] | null,
  columns: readonly string[],
  outputName?: string,
): string | null {
  if (outputName && columns.includes(outputName)) return outputName;
  if (!inputs) return null;
  const rest = columns.filter((c) => !inputs.includes(c));
  return rest.length === 1 ? rest[0]! : null;
}
