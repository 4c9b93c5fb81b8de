// The model registry: `#/models` (every registered model), `#/models/<name>` (its versions, aliases,
// description, tags), `#/models/<name>/versions/<v>` (one version). The views live in
// ui/tracking/registry/.
import '../tracking/tracking.css';
import { ModelsList } from '../tracking/registry/models-list';
import { ModelView } from '../tracking/registry/model-view';
import { VersionView } from '../tracking/registry/version-view';

export default function ModelsPage({ segments }: { segments: string[]; query: URLSearchParams }) {
  const [name, kind, version] = segments;
  if (name && kind === 'versions' && version)
    return <VersionView key={`${name}/${version}`} name={name} version={version} />;
  if (name) return <ModelView key={name} name={name} />;
  return <ModelsList />;
}
