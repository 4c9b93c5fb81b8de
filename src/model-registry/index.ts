export type { RegisteredModel, ModelVersion, ModelVersionStatus } from './entities';
export { RegistryClient } from './client';
export type { RegistryStore } from './store';
export { IdbRegistryStore } from './idb-store';
export { MemoryRegistryStore } from './memory-store';
export { registryStoreForUri, closeRegistryStores } from './uri';
