/** The collections every store provides, by name and stored document shape. */
import type { Programme } from '../../domain/programme';
import type { AuditEvent, Beneficiary, Booking, Place, Prescriber, Slot, Trainer, VoucherBook } from '../../domain/types';
import type { ContactReference, OutboxMessage } from '../../domain/outbox';
import type { Doc, DocumentCollection } from './collection';

/**
 * Derived flat arrays, kept beside the entity and stripped on read, because
 * FerretDB 1.x cannot query through arrays of subdocuments (no `$elemMatch`
 * on fields; `ledger.operationId` with `$ne` matches wrongly): a plain
 * array of strings is queried alike everywhere.
 */
export type VoucherBookDoc = Doc<VoucherBook> & {
  /** Ids of the ledger entries: the idempotency guard of `applyEntry`. */
  operationIds: string[];
};
export type PlaceDoc = Doc<Place> & {
  /** e.g. "programme:lozere", "programme:lozere/role:training", "role:training". */
  searchKeys: string[];
};

/** Audit details are stored as JSON text: their keys may hold "." or "$". */
export type AuditDoc = Omit<Doc<AuditEvent>, 'details'> & { detailsJson?: string };
/** `writtenAt`: the last write, for the retention purge (absent on documents written before it existed). */
export type StateDoc = { _id: string; json: string; eTag: string; writtenAt?: Date };
export type MetaDoc = { _id: string; value: string };
/** A channel link, stored under its hashed key. */
export type ChannelLinkDoc = { _id: string; beneficiaryId: string; channelId: string; linkedAt: Date };

export interface Collections {
  programmes: DocumentCollection<Doc<Programme>>;
  beneficiaries: DocumentCollection<Doc<Beneficiary>>;
  voucherBooks: DocumentCollection<VoucherBookDoc>;
  places: DocumentCollection<PlaceDoc>;
  trainers: DocumentCollection<Doc<Trainer>>;
  prescribers: DocumentCollection<Doc<Prescriber>>;
  slots: DocumentCollection<Doc<Slot>>;
  bookings: DocumentCollection<Doc<Booking>>;
  audit: DocumentCollection<AuditDoc>;
  channelLinks: DocumentCollection<ChannelLinkDoc>;
  botState: DocumentCollection<StateDoc>;
  meta: DocumentCollection<MetaDoc>;
  contactReferences: DocumentCollection<Doc<ContactReference>>;
  outbox: DocumentCollection<Doc<OutboxMessage>>;
}

export const COLLECTION_NAMES: readonly (keyof Collections)[] = [
  'programmes',
  'beneficiaries',
  'voucherBooks',
  'places',
  'trainers',
  'prescribers',
  'slots',
  'bookings',
  'audit',
  'channelLinks',
  'botState',
  'meta',
  'contactReferences',
  'outbox',
];
