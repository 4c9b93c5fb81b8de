// A batch-prediction worker: loads one estimator from its JSON, then predicts on the row blocks it
// is sent (column-major, transferred without copying) and sends the predictions back.
import { estimatorFromJSON } from '../../ml/estimator';
import '../../ml/index';
import type { FromWorker, ToWorker } from './protocol';

let model: { predict(X: unknown): Float64Array | unknown[] } | null = null;
const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  try {
    if (msg.type === 'load') {
      model = estimatorFromJSON(msg.model) as unknown as typeof model;
      post({ type: 'loaded' });
      return;
    }
    if (!model) throw new Error('predict before load');
    const predictions = model.predict({ data: msg.data, rows: msg.rows, cols: msg.cols, columns: msg.columns });
    post({ type: 'result', id: msg.id, predictions }, predictions instanceof Float64Array ? [predictions.buffer] : []);
  } catch (err) {
    post({ type: 'error', id: msg.type === 'predict' ? msg.id : null, message: err instanceof Error ? err.message : String(err) });
  }
};
