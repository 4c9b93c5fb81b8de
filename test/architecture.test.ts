// The dependency rules of docs/architecture.md, checked on the real import graph of src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Internal runtime imports of each file (type-only imports are erased), relative to src/. */
function graph(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of files(SRC)) {
    const text = readFileSync(f, 'utf8').replace(/^\s*(?:import|export) type [^;]+;/gm, '');
    const specs = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
    out.set(relative(SRC, f).replace(/\.tsx?$/, ''), specs.map((s) => relative(SRC, resolve(dirname(f), s)).replace(/\.(tsx?|css)$/, '')));
  }
  return out;
}

const layer = (path: string) => path.split('/')[0]!;

describe('architecture', () => {
  const g = graph();

  it('finds the source files', () => {
    expect(g.size).toBeGreaterThan(20);
    expect(g.get('tracking/client')).toContain('tracking/store');
  });

  it('lib depends on nothing else in src', () => {
    for (const [file, deps] of g) if (layer(file) === 'lib') expect(deps.filter((d) => layer(d) !== 'lib'), file).toEqual([]);
  });

  it('storage ← tracking ← registry ← models, each only on the layers below', () => {
    const allowed: Record<string, string[]> = {
      storage: ['lib', 'storage'],
      tracking: ['lib', 'storage', 'tracking'],
      registry: ['lib', 'storage', 'tracking', 'registry'],
      models: ['lib', 'storage', 'tracking', 'registry', 'data', 'ml', 'models'],
      interop: ['lib', 'storage', 'tracking', 'registry', 'interop'],
      // The whole workspace (export, import, clear) spans every store but never the UI.
      workspace: ['lib', 'storage', 'tracking', 'registry', 'notebook', 'workspace'],
    };
    for (const [file, deps] of g) {
      const ok = allowed[layer(file)];
      if (ok) expect(deps.filter((d) => !ok.includes(layer(d))), file).toEqual([]);
    }
  });

  it('ml and data depend only on lib, data and ml', () => {
    for (const [file, deps] of g) {
      if (['ml', 'data'].includes(layer(file))) {
        expect(deps.filter((d) => !['lib', 'data', 'ml'].includes(layer(d))), file).toEqual([]);
      }
    }
  });

  it('deploy (the scoring server, batch predict, the Docker directory) and the command line stay out of the app', () => {
    const allowed: Record<string, string[]> = {
      deploy: ['lib', 'data', 'ml', 'tracking', 'registry', 'models', 'interop', 'deploy'],
      cli: ['lib', 'deploy', 'cli'],
    };
    for (const [file, deps] of g) {
      const ok = allowed[layer(file)];
      if (ok) expect(deps.filter((d) => !ok.includes(layer(d))), file).toEqual([]);
    }
    expect(g.get('cli/main')).toContain('deploy/serve');
  });

  it('the UI never imports a store', () => {
    const stores = ['tracking/idb-store', 'tracking/memory-store', 'tracking/uri', 'storage/schema', 'storage/connection', 'registry/idb-store', 'registry/memory-store', 'registry/uri'];
    for (const [file, deps] of g) if (layer(file) === 'ui') expect(deps.filter((d) => stores.includes(d)), file).toEqual([]);
  });

  it('the UI computes no metric of its own: it imports nothing from ml/ (scores come from models/)', () => {
    for (const [file, deps] of g) if (layer(file) === 'ui') expect(deps.filter((d) => layer(d) === 'ml'), file).toEqual([]);
  });

  it('the UI keeps no copy of a data rule: it defines none of the CSV, decoding, signature-check, scoring or metric functions of data/, models/ and ml/', () => {
    // The domain's names, read from its modules (so a new rule there is covered too); a UI file that
    // defines one of them (any letter case: toCsv is toCSV) is restating it instead of importing it.
    const domain = files(SRC).filter((f) => /^(data\/(csv|decode)|models\/(enforce|score-predictions|prediction-table)|ml\/metrics)/.test(relative(SRC, f)));
    const names = new Set(domain.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^export (?:async )?function (\w+)/gm)].map((m) => m[1]!.toLowerCase())));
    expect(names).toContain('readtable');
    expect(names).toContain('checkcolumns');
    expect(names).toContain('meansquarederror');
    for (const f of files(join(SRC, 'ui'))) {
      const defined = [...readFileSync(f, 'utf8').matchAll(/\b(?:function\*?|const|let)\s+(\w+)\s*[=(<]/g)].map((m) => m[1]!);
      expect(defined.filter((d) => names.has(d.toLowerCase())), relative(SRC, f)).toEqual([]);
    }
  });

  it('danfojs is known to one adapter: its column store is read, and the library loaded, only in data/danfo.ts', () => {
    // Cells get danfojs itself (`dfd`, and `import … from 'danfojs'` in a cell): the kernel's globals
    // and module map hand it over without reading it.
    const userFacing = new Set(['notebook/worker/globals', 'notebook/worker/modules']);
    for (const f of files(SRC)) {
      const name = relative(SRC, f).replace(/\.tsx?$/, '');
      const text = readFileSync(f, 'utf8');
      if (name !== 'data/danfo') {
        expect(text.includes('$dataIncolumnFormat'), name).toBe(false); // `grep -rn '\$dataIncolumnFormat' src` finds only the adapter
        if (!userFacing.has(name)) expect(/import\(\s*['"]danfojs['"]\s*\)|^import (?!type)[^;]*from ['"]danfojs['"]/m.test(text), name).toBe(false);
      }
    }
  });
});
