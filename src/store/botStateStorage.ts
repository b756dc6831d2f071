/**
 * botbuilder `Storage` over a StateDocumentRepository, with the eTag rules
 * of botbuilder's own MemoryStorage: a write whose eTag is missing or "*"
 * always wins; otherwise it must carry the stored eTag or it fails with
 * ETagConflictError. Written once here for both stores.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { ETagConflictError } from './errors';
import type { StateDocumentRepository } from './repositories';

export class BotStateStorage implements Storage {
  /** `now`: the bot's clock, for the time of each write that the retention purge reads. */
  constructor(
    private readonly documents: StateDocumentRepository,
    private readonly now: () => Date,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const items: StoreItems = {};
    for (const doc of await this.documents.read(keys)) {
      items[doc.key] = { ...(JSON.parse(doc.json) as Record<string, unknown>), eTag: doc.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag: expected, ...state } = (item ?? {}) as { eTag?: string; [k: string]: unknown };
      const doc = { key, json: JSON.stringify(state), eTag: randomUUID(), writtenAt: this.now() };
      if (!expected || expected === '*') {
        await this.documents.upsert(doc);
        continue;
      }
      if (await this.documents.replaceIfMatch(doc, expected)) continue;
      // No document carried that eTag: either it never existed (first write
      // with an eTag, as MemoryStorage allows) or someone wrote in between.
      if (await this.documents.insert(doc)) continue;
      throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.documents.delete(keys);
  }
}
