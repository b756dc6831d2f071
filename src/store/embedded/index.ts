export { openEmbeddedStores, type EmbeddedStoreOptions } from './openEmbeddedStores';
export { DataDirLockedError } from './dataDirLock';
