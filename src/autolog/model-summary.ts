// `model.summary()` of a TensorFlow.js model as text (MLflow's keras autolog logs model_summary.txt).

export function modelSummary(
  model:
    | { summary?: (lineLength?: number, positions?: number[], printFn?: (...m: unknown[]) => void) => void }
    | null
    | undefined,
): string | undefined {
  if (!model || typeof model.summary !== 'function') return undefined;
  const lines: string[] = [];
  try {
    model.summary(undefined, undefined, (...m: unknown[]) => lines.push(m.map(String).join(' ')));
  } catch {
    return undefined;
  }
  return lines.join('\n') + '\n';
}
