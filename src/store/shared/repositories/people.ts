/** Beneficiaries (personal data, erasable), their channel links, and the audit trail of who saw or did what. */
import type { AuditEvent, Beneficiary, ChannelLink } from '../../../domain/types';
import type { AuditQuery, AuditRepository, BeneficiaryRepository, ChannelLinkRepository } from '../../repositories';
import { type Doc, type DocumentCollection, type Filter, fromDoc, toDoc } from '../collection';
import { beneficiaryQuota } from './beneficiaryQuota';
import { sessionTimes } from './sessionTimes';
import type { AuditDoc, ChannelLinkDoc } from '../collections';

export function beneficiaryRepository(collection: DocumentCollection<Doc<Beneficiary>>): BeneficiaryRepository {
  const byProgramme = (programmeId?: string): Filter => (programmeId === undefined ? {} : { programmeId });
  return {
    create: (beneficiary) => collection.insert(toDoc(beneficiary)),
    get: async (id) => {
      const doc = await collection.findOne({ _id: id });
      return doc ? fromDoc<Beneficiary>(doc) : undefined;
    },
    findByPhone: async (phone) => (await collection.find({ phone }, { sort: { _id: 1 } })).map((d) => fromDoc<Beneficiary>(d)),
    findByBirthDate: async (programmeId, birthDate) =>
      (await collection.find({ programmeId, birthDate }, { sort: { createdAt: 1, _id: 1 } })).map((d) => fromDoc<Beneficiary>(d)),
    ...beneficiaryQuota(collection),
    ...sessionTimes(collection),
    setPhone: async (id, phone) => {
      const update = phone === undefined ? { $unset: { phone: true } } : { $set: { phone } };
      return (await collection.updateOne({ _id: id }, update)) !== undefined;
    },
    delete: async (id) => (await collection.deleteMany({ _id: id })) > 0,
    count: (programmeId) => collection.count(byProgramme(programmeId)),
  };
}

function toAuditDoc(event: AuditEvent): AuditDoc {
  const { details, ...rest } = toDoc(event);
  return details === undefined ? rest : { ...rest, detailsJson: JSON.stringify(details) };
}

function fromAuditDoc(doc: AuditDoc): AuditEvent {
  const { detailsJson, ...rest } = doc;
  const event = fromDoc<Omit<AuditEvent, 'details'>>(rest);
  return detailsJson === undefined ? event : { ...event, details: JSON.parse(detailsJson) as AuditEvent['details'] };
}

export function auditRepository(collection: DocumentCollection<AuditDoc>): AuditRepository {
  return {
    append: (event) => collection.insert(toAuditDoc(event)),
    list: async (query: AuditQuery) => {
      const filter: Filter = {};
      if (query.programmeId !== undefined) filter.programmeId = query.programmeId;
      if (query.subjectId !== undefined) filter['subject.id'] = query.subjectId;
      if (query.actorId !== undefined) filter['actor.id'] = query.actorId;
      const docs = await collection.find(filter, { sort: { at: -1, _id: -1 }, limit: query.limit });
      return docs.map(fromAuditDoc);
    },
  };
}

export function channelLinkRepository(collection: DocumentCollection<ChannelLinkDoc>): ChannelLinkRepository {
  const fromLinkDoc = ({ _id, beneficiaryId, channelId, linkedAt }: ChannelLinkDoc): ChannelLink => ({
    key: _id,
    beneficiaryId,
    channelId,
    linkedAt,
  });
  return {
    link: (link) =>
      collection.put({ _id: link.key, beneficiaryId: link.beneficiaryId, channelId: link.channelId, linkedAt: link.linkedAt }),
    get: async (key) => {
      const doc = await collection.findOne({ _id: key });
      return doc ? fromLinkDoc(doc) : undefined;
    },
    unlink: async (key) => (await collection.deleteMany({ _id: key })) > 0,
    unlinkBeneficiary: (beneficiaryId) => collection.deleteMany({ beneficiaryId }),
  };
}
