// The dependency rules of docs/architecture.md as data, and the check that applies them to an import
// graph. Every top-level folder (and file) of src/ has a rule, so a new one cannot slip past.
import { layer, reachable } from './import-graph';

/** What each top-level part of src/ may load at run time (its own folder is always allowed). */
export const ALLOWED: Record<string, string[]> = {
  lib: [],
  storage: ['lib'],
  tracking: ['lib', 'storage'],
  'model-registry': ['lib', 'storage', 'tracking'],
  data: ['lib'],
  ml: ['lib', 'data'],
  // The logged-model format and predicting with it; the batch pool starts the ML worker.
  'logged-model': ['lib', 'storage', 'tracking', 'model-registry', 'data', 'ml', 'workers'],
  autolog: ['lib', 'data', 'ml', 'logged-model', 'tracking', 'model-registry'],
  interop: ['lib', 'storage', 'tracking', 'model-registry'],
  // The composed API (`mlflow`) and the package's entry.
  mlflow: ['lib', 'tracking', 'model-registry', 'logged-model', 'autolog', 'interop'],
  index: [
    'lib',
    'data',
    'ml',
    'storage',
    'tracking',
    'model-registry',
    'logged-model',
    'autolog',
    'interop',
    'mlflow',
    'notebook',
  ],
  // Cells get the package's API (index); the kernel-side stores run in their worker.
  notebook: [
    'lib',
    'data',
    'ml',
    'storage',
    'tracking',
    'model-registry',
    'logged-model',
    'autolog',
    'interop',
    'mlflow',
    'index',
    'workers',
  ],
  // The whole workspace (export, import, clear) spans every store, in the ML worker, but never the UI.
  workspace: ['lib', 'storage', 'tracking', 'model-registry', 'notebook', 'workers'],
  // The one worker bundle: its roles are the kernel, batch predict and the workspace.
  workers: ['lib', 'logged-model', 'notebook', 'workspace'],
  sw: ['lib'],
  // The scoring server, batch predict and the Docker directory (which bundles the CLI's server entry).
  deploy: ['lib', 'data', 'ml', 'tracking', 'model-registry', 'logged-model', 'interop', 'cli'],
  cli: ['lib', 'deploy'],
  // Not ml: the UI computes no metric of its own (scores come from logged-model/). Of deploy, only the
  // browser-safe modules of the Deploy dialog (UI_DEPLOY_MODULES).
  ui: [
    'lib',
    'data',
    'storage',
    'tracking',
    'model-registry',
    'logged-model',
    'interop',
    'mlflow',
    'notebook',
    'workspace',
    'sw',
    'index',
    'deploy',
  ],
  main: ['lib', 'index', 'ui', 'sw'],
};

/**
 * Modules the UI must not load: the stores' backends and layouts (IndexedDB, memory, REST) and the
 * workspace's insides. It works through the clients (`tracking/default`, `model-registry/default`), the
 * REST connection, and the workspace's entry (`workspace/index`; `workspace/storage` is the small
 * part the first page needs). NotebooksStore and FilesStore are the notebook's own persistence API —
 * one implementation each, no backend behind them — so the UI uses them as it uses a client.
 */
export function isStoreForTheUi(module: string): boolean {
  return (
    /^(tracking|model-registry)\/(idb-store|memory-store|uri|store)$/.test(module) ||
    /^storage\/(schema|connection|chunks|reserve)$/.test(module) ||
    /^interop\/rest\/(tracking-store|registry-store|http)$/.test(module) ||
    (layer(module) === 'workspace' && !['workspace/index', 'workspace/storage'].includes(module))
  );
}

/**
 * Layers that record runs through the tracking client only: the client announces every change (the
 * notebook and the UI hear of a run that way), so a layer that stored or announced by itself would
 * be a second, drifting way of doing it.
 */
export const THROUGH_THE_CLIENT = ['autolog'];
const CLIENT_INSIDES = /^tracking\/(events|announce|event-channel|store|idb-store|memory-store|write-queue)$/;

/**
 * The modules that announce tracking events (tracking/announce): the clients, each of which announces
 * every change it makes. Code that wrote a store and announced by itself would be a second way, bound to
 * drift; a bulk write (a workspace import, gc) is a client method too. Listeners (the UI, a notebook's
 * kernel) import tracking/events, which only subscribes.
 */
export const ANNOUNCERS = ['tracking/client', 'tracking/experiments-client', 'model-registry/client'];
/** The channel both sides share (tracking/event-channel): only the two sides open it. */
const EVENT_SIDES = ['tracking/events', 'tracking/announce'];

/** The deploy modules that run in a browser: the Docker directory's files and the web predictor's assembly. */
export const UI_DEPLOY_MODULES = ['deploy/docker-directory', 'deploy/web-predictor/module'];

/** Entries whose whole bundle must never contain the UI (workers and the Node command line). */
export const NO_UI_ENTRIES = [
  'workers/ml.worker',
  'notebook/worker/kernel.worker',
  'notebook/worker/store.worker',
  'cli/main',
];

/** Every broken rule, as "from → to: why" lines; empty when the graph keeps the layering. */
export function violations(graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [file, deps] of graph) {
    const from = layer(file);
    const allowed = ALLOWED[from];
    if (!allowed) {
      out.push(`${file}: src/${from} has no rule in test/architecture/rules.ts`);
      continue;
    }
    for (const d of deps) {
      if (!graph.has(d)) out.push(`${file} → ${d}: not a source file (the import does not resolve)`);
      const to = layer(d);
      if (to !== from && !allowed.includes(to)) out.push(`${file} → ${d}: ${from} may not load ${to}`);
      if (from === 'ui' && isStoreForTheUi(d)) out.push(`${file} → ${d}: the UI never touches a store`);
      if (THROUGH_THE_CLIENT.includes(from) && CLIENT_INSIDES.test(d))
        out.push(`${file} → ${d}: ${from} goes through the tracking client`);
      if (d === 'tracking/announce' && !ANNOUNCERS.includes(file))
        out.push(`${file} → ${d}: only the clients announce (a client method writes and announces)`);
      if (d === 'tracking/event-channel' && !EVENT_SIDES.includes(file))
        out.push(`${file} → ${d}: only tracking/events and tracking/announce use the event channel`);
      if (from === 'ui' && to === 'deploy' && !UI_DEPLOY_MODULES.includes(d))
        out.push(`${file} → ${d}: the UI loads only the browser-safe parts of deploy`);
    }
  }
  for (const entry of NO_UI_ENTRIES) {
    for (const m of reachable(graph, entry))
      if (layer(m) === 'ui') out.push(`${entry} ⇒ ${m}: this bundle must not contain the UI`);
  }
  return out;
}
