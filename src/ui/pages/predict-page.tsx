// Batch prediction: `#/predict?model=<uri>` opens with that model chosen. The view lives in
// ui/tracking/predict/.
import '../tracking/tracking.css';
import { PredictView } from '../tracking/predict/predict-view';

export default function PredictPage({ query }: { segments: string[]; query: URLSearchParams }) {
  return <PredictView initialModel={query.get('model') ?? ''} />;
}
