export * from './entities';
export {
  TrackingClient,
  TrackingClient as MlflowClient,
  DEFAULT_EXPERIMENT_NAME,
  type PagedList,
  type SearchRunsOptions,
} from './client';
export { Fluent, type StartRunOptions, type SearchOptions } from './fluent';
export type { TrackingStore, ViewType, LogBatch } from './store';
export { MemoryTrackingStore } from './memory-store';
export { IdbTrackingStore } from './idb-store';
export { storeForUri, defaultTrackingUri, closeStores } from './uri';
export { subscribe, type TrackingEvent, type TrackingMessage } from './events';
export { generateRunName } from './names';
export { compileFilter, compileOrderBy } from './search';
