// TensorFlow.js in the kernel: loaded on first use (or after start, so the status can name it), with
// its backend chosen as everywhere (ml/core/tf-backend.ts: WebGPU, hardware WebGL, WASM, cpu). A cell may
// switch with `await tf.setBackend('cpu')`; the status follows, since it is read after every cell.
// Its fits are noted for the training progress bar (fit-tap.ts).
import { tapFits } from './fit-tap';

type Tf = typeof import('@tensorflow/tfjs');
type Backends = typeof import('../../ml/core/tf-backend');

let loading: Promise<Tf> | undefined;
let loaded: { tf: Tf; backends: Backends } | undefined;
let described: { name: string; text: string } | undefined;

/** The tfjs module with its backend chosen (and its fits noted for the progress bar). */
export function loadTf(): Promise<Tf> {
  return (loading ??= Promise.all([import('@tensorflow/tfjs'), import('../../ml/core/tf-backend')]).then(
    async ([tf, backends]) => {
      tapFits(tf);
      await backends.ensureTfBackend();
      loaded = { tf, backends };
      return tf;
    },
  ));
}

/**
 * The backend in use and how it runs ('wasm (SIMD, 2 threads)'), once tfjs has loaded; described again
 * when a cell has switched backends.
 */
export async function tfBackend(): Promise<string | undefined> {
  if (!loaded) return undefined;
  const name = loaded.tf.getBackend();
  if (described?.name !== name) described = { name, text: await loaded.backends.describeTfBackend() };
  return described.text;
}
