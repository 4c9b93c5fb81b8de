// The artifact browser's tree, built from one flat listing of a run's files (paths with '/'), and the
// choice of preview for a file. Pure, so tests cover odd paths without a store.

import { CHART_CONTENT_TYPE } from '../../tracking/figures';

export interface ArtifactNode {
  name: string;
  /** Full path from the run's artifact root, e.g. `model/MLmodel`. */
  path: string;
  isDir: boolean;
  /** Bytes: the file's size, or the sum of a directory's files. */
  size: number;
  children: ArtifactNode[];
}

export function buildArtifactTree(files: ReadonlyArray<{ path: string; size: number }>): ArtifactNode[] {
  const root: ArtifactNode = { name: '', path: '', isDir: true, size: 0, children: [] };
  const dirs = new Map<string, ArtifactNode>([['', root]]);
  for (const f of files) {
    const parts = f.path.split('/').filter(Boolean);
    if (!parts.length) continue;
    let parent = root;
    parent.size += f.size;
    for (let i = 0; i < parts.length - 1; i++) {
      const path = parts.slice(0, i + 1).join('/');
      let dir = dirs.get(path);
      if (!dir) {
        dir = { name: parts[i]!, path, isDir: true, size: 0, children: [] };
        dirs.set(path, dir);
        parent.children.push(dir);
      }
      dir.size += f.size;
      parent = dir;
    }
    parent.children.push({
      name: parts[parts.length - 1]!,
      path: parts.join('/'),
      isDir: false,
      size: f.size,
      children: [],
    });
  }
  const order = (nodes: ArtifactNode[]) => {
    nodes.sort((a, b) => (a.isDir !== b.isDir ? (a.isDir ? -1 : 1) : a.name.localeCompare(b.name)));
    for (const n of nodes) if (n.isDir) order(n.children);
  };
  order(root.children);
  return root.children;
}

/** Directories holding a logged model (an `MLmodel` file), e.g. `model`. */
export function modelDirs(files: ReadonlyArray<{ path: string }>): string[] {
  return files
    .filter((f) => f.path === 'MLmodel' || f.path.endsWith('/MLmodel'))
    .map((f) => f.path.replace(/\/?MLmodel$/, ''));
}

/** Every directory on the way to `path`, so opening a deep link shows the file in its folder. */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

export type PreviewKind = 'mlmodel' | 'chart' | 'json' | 'yaml' | 'csv' | 'image' | 'html' | 'text' | 'none';

const TEXT_EXT = new Set([
  'txt',
  'log',
  'md',
  'py',
  'ts',
  'js',
  'mjs',
  'tsx',
  'jsx',
  'sh',
  'toml',
  'ini',
  'cfg',
  'xml',
  'ipynb',
  'r',
  'sql',
  'tsv',
]);
const IMAGE_EXT = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'bmp', 'avif']);

export function previewKind(path: string, contentType = ''): PreviewKind {
  const name = path.split('/').pop() ?? '';
  if (name === 'MLmodel') return 'mlmodel';
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  const type = contentType.toLowerCase();
  // A figure from mlflow.logFigure: a chart spec, drawn as the notebook draws it.
  if (type.startsWith(CHART_CONTENT_TYPE)) return 'chart';
  if (ext === 'json' || type.includes('json')) return 'json';
  if (ext === 'yaml' || ext === 'yml' || type.includes('yaml')) return 'yaml';
  if (ext === 'csv' || type.startsWith('text/csv')) return 'csv';
  if (IMAGE_EXT.has(ext) || type.startsWith('image/')) return 'image';
  if (ext === 'html' || ext === 'htm' || type.startsWith('text/html')) return 'html';
  if (TEXT_EXT.has(ext) || type.startsWith('text/') || name === 'requirements' || name.startsWith('.')) return 'text';
  return 'none';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
