/** Reference data written by imports: programmes, places, trainers, prescribers. */
import type { Programme } from '../../../domain/programme';
import type { Place, Prescriber, Trainer } from '../../../domain/types';
import type {
  PlaceQuery,
  PlaceRepository,
  PrescriberRepository,
  ProgrammeRepository,
  TrainerRepository,
  UpsertOutcome,
} from '../../repositories';
import { sameData } from '../clone';
import { type Doc, type DocumentCollection, type Filter, fromDoc, toDoc } from '../collection';
import type { PlaceDoc } from '../collections';

interface Codec<T, D> {
  toDoc(entity: T): D;
  fromDoc(doc: D): T;
}

const plain = <T extends { id: string }>(): Codec<T, Doc<T>> => ({
  toDoc: (entity) => toDoc(entity),
  fromDoc: (doc) => fromDoc<T>(doc),
});

/**
 * Idempotent write by id. Read-compare-write is not atomic, which is fine
 * for imports: the outcome only feeds their summary, and the last write wins.
 */
async function upsertById<T extends { id: string }, D extends { _id: string }>(
  collection: DocumentCollection<D>,
  entity: T,
  codec: Codec<T, D>,
): Promise<UpsertOutcome> {
  const existing = await collection.findOne({ _id: entity.id });
  if (existing && sameData(codec.fromDoc(existing), entity)) return 'unchanged';
  await collection.put(codec.toDoc(entity));
  return existing ? 'updated' : 'created';
}

async function getById<T extends { id: string }>(collection: DocumentCollection<Doc<T>>, id: string) {
  const doc = await collection.findOne({ _id: id });
  return doc ? fromDoc<T>(doc) : undefined;
}

export function programmeRepository(collection: DocumentCollection<Doc<Programme>>): ProgrammeRepository {
  return {
    upsert: (programme) => upsertById(collection, programme, plain<Programme>()),
    get: (id) => getById(collection, id),
    list: async () => (await collection.find({}, { sort: { _id: 1 } })).map((d) => fromDoc<Programme>(d)),
  };
}

/** The search key a place query looks for; see PlaceDoc. */
function placeSearchKey(programmeId: string | undefined, role: string | undefined): string | undefined {
  if (programmeId !== undefined && role !== undefined) return `programme:${programmeId}/role:${role}`;
  if (programmeId !== undefined) return `programme:${programmeId}`;
  if (role !== undefined) return `role:${role}`;
  return undefined;
}

const placeCodec: Codec<Place, PlaceDoc> = {
  toDoc(place: Place): PlaceDoc {
    const keys = new Set<string>();
    for (const { programmeId, roles } of place.programmes) {
      keys.add(placeSearchKey(programmeId, undefined) as string);
      for (const role of roles) {
        keys.add(placeSearchKey(programmeId, role) as string);
        keys.add(placeSearchKey(undefined, role) as string);
      }
    }
    return { ...toDoc(place), searchKeys: [...keys] };
  },
  fromDoc(doc: PlaceDoc): Place {
    const { searchKeys: _derived, ...rest } = doc;
    return fromDoc<Place>(rest);
  },
};

function placeFilter(query: PlaceQuery = {}): Filter {
  const key = placeSearchKey(query.programmeId, query.role);
  return key === undefined ? {} : { searchKeys: key };
}

export function placeRepository(collection: DocumentCollection<PlaceDoc>): PlaceRepository {
  return {
    upsert: (place) => upsertById(collection, place, placeCodec),
    get: async (id) => {
      const doc = await collection.findOne({ _id: id });
      return doc ? placeCodec.fromDoc(doc) : undefined;
    },
    list: async (query) => (await collection.find(placeFilter(query), { sort: { name: 1, _id: 1 } })).map((doc) => placeCodec.fromDoc(doc)),
    count: (query) => collection.count(placeFilter(query)),
  };
}

export function trainerRepository(collection: DocumentCollection<Doc<Trainer>>): TrainerRepository {
  return {
    upsert: (trainer) => upsertById(collection, trainer, plain<Trainer>()),
    get: (id) => getById(collection, id),
    listByPlace: async (placeId) =>
      (await collection.find({ placeIds: placeId }, { sort: { firstName: 1, _id: 1 } })).map((d) => fromDoc<Trainer>(d)),
    findByAadObjectId: async (aadObjectId) => {
      const doc = await collection.findOne({ aadObjectId });
      return doc ? fromDoc<Trainer>(doc) : undefined;
    },
    list: async (programmeId) =>
      (await collection.find({ programmeId }, { sort: { firstName: 1, _id: 1 } })).map((d) => fromDoc<Trainer>(d)),
  };
}

export function prescriberRepository(collection: DocumentCollection<Doc<Prescriber>>): PrescriberRepository {
  return {
    upsert: (prescriber) => upsertById(collection, prescriber, plain<Prescriber>()),
    get: (id) => getById(collection, id),
    findByAadObjectId: async (aadObjectId, tenantId) => {
      const filter: Filter = { aadObjectId, active: true };
      if (tenantId !== undefined) filter.tenantId = tenantId;
      const doc = await collection.findOne(filter);
      return doc ? fromDoc<Prescriber>(doc) : undefined;
    },
    list: async (programmeId) =>
      (await collection.find({ programmeId }, { sort: { displayName: 1, _id: 1 } })).map((d) => fromDoc<Prescriber>(d)),
  };
}
