// Content types by file extension, for artifacts and downloads.
const TYPES: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  json: 'application/json',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  html: 'text/html',
  htm: 'text/html',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  py: 'text/x-python',
  ts: 'text/typescript',
  js: 'text/javascript',
  bin: 'application/octet-stream',
};

export function contentTypeFor(path: string): string {
  const base = path.split('/').pop() ?? '';
  if (base === 'MLmodel') return 'application/yaml';
  const ext = base.includes('.') ? base.split('.').pop()!.toLowerCase() : '';
  return TYPES[ext] ?? 'application/octet-stream';
}
