import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  buildArtifactTree,
  formatBytes,
  modelDirs,
  previewKind,
  type ArtifactNode,
} from '../../../src/ui/tracking/artifact-tree';

const show = (nodes: ArtifactNode[], depth = 0): string[] =>
  nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.name}${n.isDir ? '/' : ''} ${n.size}`,
    ...show(n.children, depth + 1),
  ]);

describe('artifact tree', () => {
  it('nests paths into folders, folders first, with summed sizes', () => {
    const tree = buildArtifactTree([
      { path: 'notes.txt', size: 5 },
      { path: 'model/MLmodel', size: 100 },
      { path: 'model/data/weights.bin', size: 1000 },
      { path: 'model/conda.yaml', size: 20 },
      { path: 'a.png', size: 7 },
    ]);
    expect(show(tree)).toEqual([
      'model/ 1120',
      '  data/ 1000',
      '    weights.bin 1000',
      '  conda.yaml 20',
      '  MLmodel 100',
      'a.png 7',
      'notes.txt 5',
    ]);
    expect(tree[0]!.children[0]!.path).toBe('model/data');
    expect(tree[0]!.children[0]!.children[0]!.path).toBe('model/data/weights.bin');
  });

  it('is empty for no files and ignores empty paths', () => {
    expect(buildArtifactTree([])).toEqual([]);
    expect(buildArtifactTree([{ path: '', size: 1 }])).toEqual([]);
  });

  it('finds model folders and the folders above a file', () => {
    expect(modelDirs([{ path: 'model/MLmodel' }, { path: 'x/y/MLmodel' }, { path: 'MLmodel.txt' }])).toEqual([
      'model',
      'x/y',
    ]);
    expect(ancestorsOf('a/b/c.txt')).toEqual(['a', 'a/b']);
    expect(ancestorsOf('c.txt')).toEqual([]);
  });

  it('chooses a preview by name and content type', () => {
    expect(previewKind('model/MLmodel')).toBe('mlmodel');
    expect(previewKind('x.json')).toBe('json');
    expect(previewKind('residuals.json', 'application/vnd.kiroku.chart+json')).toBe('chart');
    expect(previewKind('x.json', 'application/json')).toBe('json');
    expect(previewKind('conda.yaml')).toBe('yaml');
    expect(previewKind('pred.csv')).toBe('csv');
    expect(previewKind('plot.PNG')).toBe('image');
    expect(previewKind('report.html')).toBe('html');
    expect(previewKind('source/cell.ts')).toBe('text');
    expect(previewKind('blob', 'text/plain')).toBe('text');
    expect(previewKind('weights.bin', 'application/octet-stream')).toBe('none');
  });

  it('formats sizes', () => {
    expect([formatBytes(12), formatBytes(2048), formatBytes(5 * 1024 * 1024)]).toEqual(['12 B', '2.0 KB', '5.0 MB']);
  });
});
