// TensorFlow.js in the kernel: loaded on first use, then set to the best backend the worker has —
// WebGL through OffscreenCanvas, else WebAssembly when @tensorflow/tfjs-backend-wasm is bundled (it is
// not, today: its .wasm files would have to ship with the app), else the plain JavaScript CPU backend.
type Tf = typeof import('@tensorflow/tfjs');

let loading: Promise<Tf> | undefined;
let chosen: string | undefined;

/** The tfjs module with its backend chosen. */
export function loadTf(): Promise<Tf> {
  return (loading ??= import('@tensorflow/tfjs').then(async (tf) => {
    chosen = await chooseBackend(tf);
    return tf;
  }));
}

/** The backend in use, once tfjs has loaded. */
export function tfBackend(): string | undefined {
  return chosen;
}

export function backendCandidates(tf: Pick<Tf, 'findBackendFactory'>, hasOffscreenCanvas = typeof OffscreenCanvas !== 'undefined'): string[] {
  const names: string[] = [];
  if (hasOffscreenCanvas && tf.findBackendFactory('webgl')) names.push('webgl');
  if (tf.findBackendFactory('wasm')) names.push('wasm');
  names.push('cpu');
  return names;
}

async function chooseBackend(tf: Tf): Promise<string> {
  for (const name of backendCandidates(tf)) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
    } catch {
      // e.g. WebGL unavailable in this worker: try the next
    }
  }
  return tf.getBackend();
}
