/**
 * Mongoose schemas: what a document must look like (a second line of
 * defence behind the services) and the indexes the queries use. `_id` is our
 * string id. Subdocuments have no `_id` of their own so that what is read
 * back is exactly what was written.
 *
 * FerretDB 1.x compatibility: plain and compound indexes only (no partial
 * indexes); the "one active booking per person per slot" rule rests on the
 * plain unique `activeKey`, which the services suffix when a booking ends.
 * Queries never reach into arrays of subdocuments (see shared/collections).
 */
import { Schema, type SchemaDefinition, type SchemaOptions } from 'mongoose';
import { BOOKING_STATUSES } from '../../domain/types';
import { BOOKING_EVENTS, OUTBOX_KINDS, OUTBOX_STATUSES, PRESCRIBER_ALERTS } from '../../domain/outbox';
import type { Collections } from '../shared/collections';

const options = (collection: string): SchemaOptions => ({
  collection,
  versionKey: false,
  // A path called `id` exists in subdocuments (actors, subjects); no virtual.
  id: false,
  // Keep empty objects: what is read back must equal what was written.
  minimize: false,
  // Indexes are created once, explicitly, by openMongoStores.
  autoIndex: false,
  autoCreate: false,
  strict: 'throw',
});

const sub = (definition: SchemaDefinition): Schema =>
  new Schema(definition, { _id: false, id: false, versionKey: false, minimize: false, strict: 'throw' });

const requiredString = { type: String, required: true };
const hours = { type: Number, required: true, min: 0 };

const actor = sub({
  kind: { type: String, required: true, enum: ['beneficiary', 'prescriber', 'trainer', 'coordinator', 'system'] },
  id: requiredString,
});

const ledgerEntry = sub({
  operationId: requiredString,
  operation: { type: String, required: true, enum: ['issue', 'reserve', 'release', 'consume', 'expire', 'transfer'] },
  hours: { type: Number, required: true, min: 0 },
  at: { type: Date, required: true },
  by: { type: actor, required: true },
  // Not `required`: mongoose's required refuses the empty string.
  reason: String,
  bookingId: String,
  fromBookingId: String,
});

/** Programmes are validated by zod at start-up; stored as given. */
const programme = new Schema({ _id: String, name: requiredString }, { ...options('programmes'), strict: false });

/** A session's time held by the person (domain/sessionTimes.ts). */
const sessionTime = sub({ bookingId: requiredString, start: { type: Date, required: true }, end: { type: Date, required: true } });

const beneficiary = new Schema(
  {
    _id: String,
    programmeId: requiredString,
    firstName: requiredString,
    lastName: requiredString,
    birthDate: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    communeInsee: String,
    phone: String,
    createdAt: { type: Date, required: true },
    createdBy: { type: actor, required: true },
    booksIssued: { type: Number, min: 0 },
    hoursIssued: { type: Number, min: 0 },
    prescriptionIds: { type: [String], default: undefined },
    sessionTimes: { type: [sessionTime], default: undefined },
    sessionTimesVersion: { type: Number, min: 0 },
  },
  options('beneficiaries'),
);
beneficiary.index({ programmeId: 1, birthDate: 1 });
beneficiary.index({ phone: 1 }, { sparse: true });

const voucherBook = new Schema(
  {
    _id: String,
    number: requiredString,
    programmeId: requiredString,
    beneficiaryId: requiredString,
    issuedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    issuedBy: { type: actor, required: true },
    structure: String,
    hoursTotal: hours,
    hoursLeft: hours,
    hoursReserved: hours,
    hoursConsumed: hours,
    hoursExpired: hours,
    status: { type: String, required: true, enum: ['active', 'expired', 'cancelled'] },
    ledger: { type: [ledgerEntry], default: undefined },
    operationIds: { type: [String], default: undefined },
  },
  options('voucherBooks'),
);
voucherBook.index({ number: 1 }, { unique: true });
voucherBook.index({ beneficiaryId: 1, issuedAt: 1 });
voucherBook.index({ status: 1, expiresAt: 1 });
voucherBook.index({ programmeId: 1 });

const place = new Schema(
  {
    _id: String,
    name: requiredString,
    address: String,
    postalCode: String,
    commune: String,
    communeInsee: String,
    latitude: { type: Number, required: true },
    longitude: { type: Number, required: true },
    phone: String,
    email: String,
    website: String,
    openingHours: String,
    openingHoursIsDefault: Boolean,
    services: { type: [String], default: undefined },
    source: requiredString,
    programmes: {
      type: [
        sub({
          programmeId: requiredString,
          roles: { type: [{ type: String, enum: ['training', 'prescribing'] }], default: undefined },
        }),
      ],
      default: undefined,
    },
    siret: String,
    updatedOn: String,
    bookingUrl: String,
    audiences: { type: [String], default: undefined },
    specificSupport: { type: [String], default: undefined },
    fees: { type: [String], default: undefined },
    searchKeys: { type: [String], default: undefined },
  },
  options('places'),
);
place.index({ searchKeys: 1 });
place.index({ name: 1 });

const trainer = new Schema(
  {
    _id: String,
    programmeId: requiredString,
    firstName: requiredString,
    placeIds: { type: [String], default: undefined },
    aadObjectId: String,
    tenantId: String,
    active: { type: Boolean, required: true },
  },
  options('trainers'),
);
trainer.index({ placeIds: 1 });
trainer.index({ aadObjectId: 1 });
trainer.index({ programmeId: 1 });

const prescriber = new Schema(
  {
    _id: String,
    programmeId: requiredString,
    displayName: requiredString,
    structure: requiredString,
    role: { type: String, required: true, enum: ['prescriber', 'coordinator'] },
    aadObjectId: requiredString,
    tenantId: String,
    active: { type: Boolean, required: true },
  },
  options('prescribers'),
);
prescriber.index({ aadObjectId: 1 });
prescriber.index({ programmeId: 1, displayName: 1 });

const slot = new Schema(
  {
    _id: String,
    programmeId: requiredString,
    placeId: requiredString,
    trainerId: String,
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    capacity: { type: Number, required: true, min: 0 },
    seatsLeft: { type: Number, required: true, min: 0 },
    bookingIds: { type: [String], default: undefined },
  },
  options('slots'),
);
slot.index({ placeId: 1, start: 1 });
slot.index({ programmeId: 1, start: 1 });
slot.index({ start: 1 });

const booking = new Schema(
  {
    _id: String,
    programmeId: requiredString,
    slotId: requiredString,
    beneficiaryId: requiredString,
    voucherBookId: requiredString,
    hours: { type: Number, required: true, min: 0 },
    status: { type: String, required: true, enum: BOOKING_STATUSES },
    activeKey: requiredString,
    requestId: requiredString,
    themeId: String,
    subject: String,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    createdBy: { type: actor, required: true },
    cancelledAt: Date,
    settlement: { type: String, enum: ['release', 'consume', 'moved'] },
    movedFrom: String,
  },
  options('bookings'),
);
booking.index({ activeKey: 1 }, { unique: true });
booking.index({ requestId: 1 }, { unique: true });
booking.index({ beneficiaryId: 1, createdAt: 1 });
booking.index({ slotId: 1 });
booking.index({ voucherBookId: 1 });

const audit = new Schema(
  {
    _id: String,
    at: { type: Date, required: true },
    actor: { type: actor, required: true },
    programmeId: String,
    action: requiredString,
    subject: { type: sub({ kind: requiredString, id: requiredString }), required: true },
    detailsJson: String,
  },
  options('audit'),
);
audit.index({ programmeId: 1, at: -1 });
audit.index({ 'subject.id': 1, at: -1 });
audit.index({ 'actor.id': 1, at: -1 });
audit.index({ at: -1 });

const channelLink = new Schema(
  {
    _id: String,
    beneficiaryId: requiredString,
    channelId: requiredString,
    linkedAt: { type: Date, required: true },
  },
  options('channelLinks'),
);
channelLink.index({ beneficiaryId: 1 });

/** Bot state: the state itself is JSON text, its keys may hold "$" or ".". */
const botState = new Schema({ _id: String, json: requiredString, eTag: requiredString, writtenAt: Date }, options('botState'));

const meta = new Schema({ _id: String, value: { type: String, required: true } }, options('meta'));

const contactReference = new Schema(
  {
    _id: String,
    beneficiaryId: requiredString,
    channelId: requiredString,
    channelKey: requiredString,
    referenceJson: requiredString,
    consent: { type: Boolean, required: true },
    updatedAt: { type: Date, required: true },
  },
  options('contactReferences'),
);
contactReference.index({ beneficiaryId: 1 });
contactReference.index({ channelKey: 1 });

const outboxMessage = new Schema(
  {
    _id: String,
    kind: { type: String, required: true, enum: OUTBOX_KINDS },
    programmeId: requiredString,
    beneficiaryId: requiredString,
    bookingId: String,
    voucherBookId: String,
    event: { type: String, enum: BOOKING_EVENTS },
    skipChannelId: String,
    professionalId: String,
    alert: { type: String, enum: PRESCRIBER_ALERTS },
    dueAt: { type: Date, required: true },
    status: { type: String, required: true, enum: OUTBOX_STATUSES },
    attempts: { type: Number, required: true, min: 0 },
    nextAttemptAt: { type: Date, required: true },
    leaseOwner: String,
    leaseUntil: { type: Date, required: true },
    sentAt: Date,
    reason: String,
    rating: { type: Number, min: 1, max: 5 },
    answeredAt: Date,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  options('outbox'),
);
// What the dispatcher asks every minute: pending and due.
outboxMessage.index({ status: 1, nextAttemptAt: 1 });
outboxMessage.index({ beneficiaryId: 1 });
outboxMessage.index({ bookingId: 1 });

export const SCHEMAS: Record<keyof Collections, Schema> = {
  programmes: programme,
  beneficiaries: beneficiary,
  voucherBooks: voucherBook,
  places: place,
  trainers: trainer,
  prescribers: prescriber,
  slots: slot,
  bookings: booking,
  audit,
  channelLinks: channelLink,
  botState,
  meta,
  contactReferences: contactReference,
  outbox: outboxMessage,
};
