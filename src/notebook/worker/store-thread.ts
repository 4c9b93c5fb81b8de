// The kernel's IndexedDB work runs on a thread of its own (store.worker.ts), never on the kernel's.
//
// Why: an IndexedDB transaction finishes only after the thread that opened it has handled each of its
// requests' results. A cell that spins (`while (Date.now() < t) {}`) right after logging keeps the
// kernel's thread from ever handling them, so a write the kernel had in flight — a flush of queued
// metrics, the cell's code logged as an artifact — held its locks on `runs`, `experiments` and `meta`
// for as long as the cell ran, and every reader in every tab waited behind it ("Loading runs…").
// Here the kernel's stores only post calls to the store thread, which opens, runs and commits each
// transaction by itself whatever the kernel's thread is doing.
import { KirokuError, TrackingError } from '../../lib/errors';
import type { TrackingStore } from '../../tracking/store';
import type { RegistryStore } from '../../model-registry/store';

export type StoreKind = 'tracking' | 'registry';

export interface StoreCall {
  id: number;
  kind: StoreKind;
  /** The database name (`indexeddb:<name>`). */
  name: string;
  method: string;
  args: unknown[];
}

export type StoreReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

interface PortLike {
  postMessage(message: StoreCall): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<StoreReply>) => void): void;
}

export class StoreThread {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();

  constructor(private readonly port: PortLike) {
    port.addEventListener('message', (event) => {
      const reply = event.data;
      const w = this.waiting.get(reply.id);
      if (!w) return;
      this.waiting.delete(reply.id);
      if (reply.ok) w.resolve(reply.value);
      else w.reject(rebuildError(reply.error));
    });
  }

  call(kind: StoreKind, name: string, method: string, args: unknown[]): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.port.postMessage({ id, kind, name, method, args });
    });
  }
}

/** Errors cross threads as plain data; the domain errors are rebuilt so `code` and `name` survive. */
function rebuildError(e: { name: string; message: string; code?: string }): Error {
  if (e.name === 'TrackingError') return new TrackingError(e.message, (e.code ?? 'INTERNAL_ERROR') as never);
  const err = e.code ? new KirokuError(e.message, e.code) : new Error(e.message);
  err.name = e.name;
  return err;
}

/** Methods a store thread serves (each is the IndexedDB store's method of the same name). */
type Methods<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]-?: true };

// Whole-store dumps and restores are not the kernel's business (the workspace does them on its own
// thread); searchRuns and getArtifactAtUri are a server's, which the IndexedDB store does not have.
const TRACKING_METHODS: Omit<
  Methods<Required<TrackingStore>>,
  'searchRuns' | 'getArtifactAtUri' | 'dump' | 'restoreExperiment' | 'restoreRun'
> = {
  createExperiment: true,
  getExperiment: true,
  getExperimentByName: true,
  listExperiments: true,
  updateExperiment: true,
  setExperimentTag: true,
  createRun: true,
  getRun: true,
  listRuns: true,
  listRunningRuns: true,
  updateRunInfo: true,
  logBatch: true,
  commit: true,
  deleteTag: true,
  logInputs: true,
  getMetricHistory: true,
  putArtifact: true,
  putArtifacts: true,
  getArtifact: true,
  listArtifactPaths: true,
  deleteArtifacts: true,
  purgeRuns: true,
  metricPointCount: true,
  close: true,
};

const REGISTRY_METHODS: Methods<RegistryStore> = {
  createRegisteredModel: true,
  getRegisteredModel: true,
  listRegisteredModels: true,
  updateRegisteredModel: true,
  renameRegisteredModel: true,
  deleteRegisteredModel: true,
  setRegisteredModelTag: true,
  setAlias: true,
  createModelVersion: true,
  getModelVersion: true,
  listModelVersions: true,
  updateModelVersion: true,
  deleteModelVersion: true,
  setModelVersionTag: true,
  close: true,
};

function forward<T>(thread: StoreThread, kind: StoreKind, name: string, methods: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const method of Object.keys(methods))
    out[method] = (...args: unknown[]) => thread.call(kind, name, method, args);
  return out as T & Record<string, unknown>;
}

/** `indexeddb:<name>` for the kernel: the IndexedDB tracking store, run on the store thread. */
export function threadTrackingStore(thread: StoreThread, name: string): TrackingStore {
  return {
    uri: `indexeddb:${name}`,
    assignsRunIds: false,
    ...forward(thread, 'tracking', name, TRACKING_METHODS),
  } as unknown as TrackingStore;
}

/** The registry beside it, in the same database, on the same thread. */
export function threadRegistryStore(thread: StoreThread, name: string): RegistryStore {
  return {
    uri: `indexeddb:${name}`,
    ...forward(thread, 'registry', name, REGISTRY_METHODS),
  } as unknown as RegistryStore;
}
