// The dependency rules of docs/architecture.md, checked on the real import graph of src/ — every
// runtime import, side-effect and dynamic imports and worker entries included (architecture/import-graph.ts;
// the rules are architecture/rules.ts, and architecture-rules.test.ts shows a forbidden import fails them).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRC, importGraph, layer, sourceFiles as files } from './architecture/import-graph';
import { ALLOWED, violations } from './architecture/rules';

describe('architecture', () => {
  const g = importGraph();

  it('reads the import graph, dynamic imports and worker entries included', () => {
    expect(g.size).toBeGreaterThan(100);
    expect(g.get('tracking/client')).toContain('tracking/store');
    expect(g.get('ui/notebook/kernel')).toContain('notebook/kernel-host'); // import()
    expect(g.get('logged-model/batch/pool')).toContain('workers/ml.worker'); // new Worker(new URL(…))
  });

  it('has a rule for every part of src/', () => {
    expect(new Set([...g.keys()].map(layer).filter((l) => !ALLOWED[l]))).toEqual(new Set());
  });

  it('keeps every rule: layers, stores out of the UI, no UI in workers or the command line', () => {
    expect(violations(g)).toEqual([]);
  });

  it('the UI keeps no copy of a data rule: none of the CSV, decoding, signature, scoring or metric functions', () => {
    // The domain's names, read from its modules (so a new rule there is covered too); a UI file that
    // defines one of them (any letter case: toCsv is toCSV) is restating it instead of importing it.
    const domain = files(SRC).filter((f) =>
      /^(data\/(csv|decode)|logged-model\/(enforce|score-predictions|prediction-table)|ml\/metrics)/.test(
        relative(SRC, f),
      ),
    );
    const names = new Set(
      domain.flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/^export (?:async )?function (\w+)/gm)].map((m) => m[1]!.toLowerCase()),
      ),
    );
    expect(names).toContain('readtable');
    expect(names).toContain('checkcolumns');
    expect(names).toContain('meansquarederror');
    for (const f of files(join(SRC, 'ui'))) {
      const defined = [...readFileSync(f, 'utf8').matchAll(/\b(?:function\*?|const|let)\s+(\w+)\s*[=(<]/g)].map(
        (m) => m[1]!,
      );
      expect(
        defined.filter((d) => names.has(d.toLowerCase())),
        relative(SRC, f),
      ).toEqual([]);
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
        // `grep -rn '\$dataIncolumnFormat' src` finds only the adapter
        expect(text.includes('$dataIncolumnFormat'), name).toBe(false);
        if (!userFacing.has(name))
          expect(/import\(\s*['"]danfojs['"]\s*\)|^import (?!type)[^;]*from ['"]danfojs['"]/m.test(text), name).toBe(
            false,
          );
      }
    }
  });
});
