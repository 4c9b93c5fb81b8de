import { Placeholder } from './placeholder';

export default function ModelsPage() {
  return (
    <Placeholder title="Models">
      <p>Registered models, their versions and aliases (such as <code>champion</code>) will be listed here.</p>
    </Placeholder>
  );
}
