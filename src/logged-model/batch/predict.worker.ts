// A batch-prediction worker: loads one estimator from its JSON, then predicts on the row blocks it
// is sent (transferred to it) and sends the predictions back (transferred, not copied).
import { estimatorFromJSON } from '../../ml/core/estimator';
import '../../ml/index';
import { usesTensorFlow } from '../../ml/neural-network/mlp';
import { ensureTfBackend } from '../../ml/core/tf-backend';
import type { FromWorker, ToWorker } from './protocol';

let model: { predict(X: unknown): Float64Array | unknown[] } | null = null;
const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  try {
    if (msg.type === 'load') {
      // An MLP predicts on the backend chosen as in the kernel (WASM here rather than tfjs's default).
      if (usesTensorFlow(msg.model)) await ensureTfBackend();
      model = estimatorFromJSON(msg.model) as unknown as typeof model;
      post({ type: 'loaded' });
      return;
    }
    if (!model) throw new Error('predict before load');
    const predictions = model.predict({ data: msg.data, rows: msg.rows, cols: msg.cols, columns: msg.columns });
    post({ type: 'result', id: msg.id, predictions }, predictions instanceof Float64Array ? [predictions.buffer] : []);
  } catch (err) {
    post({
      type: 'error',
      id: msg.type === 'predict' ? msg.id : null,
      message: err instanceof Error ? err.message : String(err),
    });
  }
};
