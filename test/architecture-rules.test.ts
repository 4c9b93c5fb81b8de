// The architecture test's own test: every way of loading a module is read, type-only imports are not,
// and a forbidden import injected into the real graph — in each form — fails the rules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRC, importGraph, runtimeImports } from './architecture/import-graph';
import { violations } from './architecture/rules';

describe('the import reader', () => {
  it('reads static, side-effect, re-exported, dynamic and worker imports, and skips type-only ones', () => {
    const text = [
      "import { a } from './static';",
      "import './side-effect';",
      "export { b } from './re-export';",
      "export * from './star';",
      "const m = await import('./dynamic');",
      "const w = new Worker(new URL('./entry.worker.ts', import.meta.url), { type: 'module' });",
      "import Editor from './editor.worker?worker';",
      "import type { T } from './type-only';",
      "import { type U, type V } from './inline-types';",
      "export type { W } from './type-export';",
      "const notAModule = new URL('./x', location.href);",
    ].join('\n');
    expect(runtimeImports(text)).toEqual([
      './static',
      './side-effect',
      './re-export',
      './star',
      './dynamic',
      './entry.worker.ts',
      './editor.worker?worker',
    ]);
  });

  it('keeps an import that mixes a value with types', () => {
    expect(runtimeImports("import { type U, value } from './mixed';")).toEqual(['./mixed']);
  });
});

describe('the rules fail on an injected violation', () => {
  const real = importGraph();
  const copy = () => new Map([...real].map(([k, v]) => [k, [...v]]));

  /** The real graph with `file`'s text extended by `line`, read as the architecture test reads it. */
  function graphWith(file: string, line: string): Map<string, string[]> {
    const g = copy();
    const path = join(SRC, `${file}.ts`);
    const added = runtimeImports(`${readFileSync(path, 'utf8')}\n${line}\n`, path)
      .slice(runtimeImports(readFileSync(path, 'utf8'), path).length)
      .map((s) => join(file, '..', s).replace(/\.tsx?$/, ''));
    g.set(file, [...g.get(file)!, ...added]);
    return g;
  }

  it('starts from a graph that keeps every rule', () => {
    expect(violations(real)).toEqual([]);
  });

  it.each([
    ['a side-effect import of the UI from lib', 'lib/errors', "import '../ui/app';", 'lib may not load ui'],
    [
      'a dynamic import of the UI from the kernel',
      'notebook/worker/kernel',
      "void import('../../ui/app');",
      'notebook may not load ui',
    ],
    [
      'a re-export of ml from the tracking layer',
      'tracking/client',
      "export { ElasticNet } from '../ml/linear-model/elastic-net';",
      'tracking may not load ml',
    ],
    [
      'a worker entry started from storage',
      'storage/connection',
      "new Worker(new URL('../workers/ml.worker.ts', import.meta.url));",
      'storage may not load workers',
    ],
  ])('%s', (_, file, line, why) => {
    expect(violations(graphWith(file, line))).toContainEqual(expect.stringContaining(why));
  });

  it('a UI module reaching a store, even lazily', () => {
    expect(violations(graphWith('ui/notebook/kernel', "void import('../../tracking/idb-store');"))).toContainEqual(
      'ui/notebook/kernel → tracking/idb-store: the UI never touches a store',
    );
    expect(
      violations(graphWith('ui/notebook/kernel', "void import('../../interop/rest/tracking-store');")),
    ).toContainEqual('ui/notebook/kernel → interop/rest/tracking-store: the UI never touches a store');
    expect(violations(graphWith('ui/notebook/kernel', "import '../../workspace/export';"))).toContainEqual(
      'ui/notebook/kernel → workspace/export: the UI never touches a store',
    );
  });

  it('autolog announcing or storing a run around the tracking client', () => {
    expect(
      violations(graphWith('autolog/fit-recorder', "import { subscribe } from '../tracking/events';")),
    ).toContainEqual('autolog/fit-recorder → tracking/events: autolog goes through the tracking client');
    expect(
      violations(graphWith('autolog/fit-recorder', "import { announce } from '../tracking/announce';")),
    ).toContainEqual('autolog/fit-recorder → tracking/announce: autolog goes through the tracking client');
    expect(violations(graphWith('autolog/fit-recorder', "void import('../tracking/memory-store');"))).toContainEqual(
      'autolog/fit-recorder → tracking/memory-store: autolog goes through the tracking client',
    );
  });

  it.each([
    ['the workspace import', 'workspace/import', '../tracking/announce'],
    ['the mlruns registry import', 'interop/mlruns/import-registry', '../../tracking/announce'],
    ['gc', 'tracking/gc', './announce'],
    ['a UI view', 'ui/tracking/use-live', '../../tracking/announce'],
    ['the kernel', 'notebook/worker/run-watch', '../../tracking/announce'],
  ])('%s announcing around the clients', (_, file, target) => {
    expect(violations(graphWith(file, `import { announce } from '${target}';`))).toContainEqual(
      `${file} → tracking/announce: only the clients announce (a client method writes and announces)`,
    );
  });

  it('the event channel opened by anything but the two sides of tracking events', () => {
    const file = 'ui/tracking/model-artifacts';
    expect(violations(graphWith(file, "import { deliver } from '../../tracking/event-channel';"))).toContainEqual(
      `${file} → tracking/event-channel: only tracking/events and tracking/announce use the event channel`,
    );
    // The listening side stays open to listeners.
    expect(violations(graphWith(file, "import { subscribe } from '../../tracking/events';"))).toEqual([]);
  });

  it('a UI module loading a Node-only part of deploy', () => {
    expect(violations(graphWith('ui/notebook/kernel', "void import('../../deploy/serve');"))).toContainEqual(
      'ui/notebook/kernel → deploy/serve: the UI loads only the browser-safe parts of deploy',
    );
    expect(violations(graphWith('ui/notebook/kernel', "void import('../../deploy/web-predictor/module');"))).toEqual(
      [],
    );
  });

  it('the UI pulled into the worker bundle through an allowed layer', () => {
    // models may load workers, and ui may load models — but a models module loading the UI puts the UI
    // in the worker's bundle, which the transitive check names.
    const found = violations(graphWith('logged-model/pyfunc', "import '../ui/app';"));
    expect(found).toContainEqual(
      expect.stringMatching(/^workers\/ml\.worker ⇒ ui\/.*: this bundle must not contain the UI$/),
    );
  });

  it('an import that resolves to no source file', () => {
    expect(violations(graphWith('lib/errors', "import './no-such-module';"))).toContain(
      'lib/errors → lib/no-such-module: not a source file (the import does not resolve)',
    );
  });

  it('a new folder without a rule', () => {
    const g = copy();
    g.set('plugins/loader', []);
    expect(violations(g)).toContain('plugins/loader: src/plugins has no rule in test/architecture/rules.ts');
  });
});
