/** Bot state documents (eTag primitives) and the store's own small facts. */
import type { MetaRepository, StateDocumentRepository, StateWrite } from '../../repositories';
import { DuplicateKeyError } from '../../errors';
import type { DocumentCollection } from '../collection';
import type { MetaDoc, StateDoc } from '../collections';

const toStateDoc = (doc: StateWrite): StateDoc => ({ _id: doc.key, json: doc.json, eTag: doc.eTag, writtenAt: doc.writtenAt });
/** botbuilder's ConversationState keys: `<channel>/conversations/<id>/`. */
const CONVERSATION_KEY = /^[^/]+\/conversations\//;

export function stateDocumentRepository(collection: DocumentCollection<StateDoc>): StateDocumentRepository {
  return {
    read: async (keys) => {
      if (keys.length === 0) return [];
      const docs = await collection.find({ _id: { $in: keys } });
      return docs.map((d) => ({ key: d._id, json: d.json, eTag: d.eTag }));
    },
    insert: async (doc) => {
      try {
        await collection.insert(toStateDoc(doc));
        return true;
      } catch (err) {
        if (err instanceof DuplicateKeyError) return false;
        throw err;
      }
    },
    replaceIfMatch: async (doc, expectedETag) =>
      (await collection.updateOne(
        { _id: doc.key, eTag: expectedETag },
        { $set: { json: doc.json, eTag: doc.eTag, writtenAt: doc.writtenAt } },
      )) !== undefined,
    upsert: (doc) => collection.put(toStateDoc(doc)),
    delete: async (keys) => {
      if (keys.length > 0) await collection.deleteMany({ _id: { $in: keys } });
    },
    deleteConversationsWrittenBefore: (before) => collection.deleteMany({ _id: { $regex: CONVERSATION_KEY }, writtenAt: { $lt: before } }),
    deleteKeysBetween: (from, to) => collection.deleteMany({ _id: { $gte: from, $lt: to } }),
    deleteByPrefix: async (prefix) => {
      if (prefix.length === 0) throw new Error('deleteByPrefix needs a prefix');
      const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return collection.deleteMany({ _id: { $regex: new RegExp(`^${escaped}`) } });
    },
  };
}

export function metaRepository(collection: DocumentCollection<MetaDoc>): MetaRepository {
  return {
    get: async (key) => (await collection.findOne({ _id: key }))?.value,
    set: (key, value) => collection.put({ _id: key, value }),
  };
}
