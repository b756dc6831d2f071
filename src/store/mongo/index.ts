export { openMongoStores, type MongoStoreOptions } from './openMongoStores';
