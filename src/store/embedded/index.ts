export { openEmbeddedStores, type EmbeddedStoreOptions } from './openEmbeddedStores';
