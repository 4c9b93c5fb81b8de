// Download names from a model URI: `models:/wine@champion` → `wine`, `runs:/<id>/model` → `model`.
export function downloadBaseName(uri: string): string {
  const m = /^models:\/([^/@]+)/.exec(uri) ?? /^runs:\/[^/]+\/(.+)$/.exec(uri);
  return (m?.[1] ?? 'model').replace(/[^\w.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'model';
}

export const modelZipName = (uri: string) => `${downloadBaseName(uri)}-model.zip`;
