import { Placeholder } from './placeholder';

export default function PredictPage() {
  return (
    <Placeholder title="Predict">
      <p>Choose a logged or registered model, drop a CSV, and get predictions checked against the model's signature.</p>
    </Placeholder>
  );
}
