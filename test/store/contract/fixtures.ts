/** Small builders of valid entities for the store contract; ids are fresh each call. */
import { randomUUID } from 'node:crypto';
import { issueVoucherBook } from '../../../src/domain/voucherLedger';
import { type Programme, programmeSchema } from '../../../src/domain/programme';
import type {
  Actor,
  AuditEvent,
  Beneficiary,
  Booking,
  LedgerEntry,
  LedgerOperation,
  Place,
  Prescriber,
  Slot,
  Trainer,
  VoucherBook,
} from '../../../src/domain/types';

export const system: Actor = { kind: 'system', id: 'contract-test' };
const id = (prefix: string) => `${prefix}-${randomUUID()}`;

export const at = (iso: string) => new Date(iso);

export function programme(overrides: Partial<Programme> = {}): Programme {
  const assumed = <T>(value: T) => ({ value, assumed: true, note: 'test default' });
  return programmeSchema.parse({
    id: 'test-programme',
    name: 'Pass test',
    departement: { code: '48', name: 'Lozère' },
    runBy: ['Conseil départemental'],
    fundedBy: ['Département'],
    audience: 'Tout public',
    voucherBook: { word: 'carnet', vouchers: 10, hoursPerVoucher: 1, euroPerVoucher: 10 },
    limits: { maxBooksPerBeneficiary: assumed(null), maxHoursPerBeneficiary: assumed(null) },
    validityMonths: assumed(12),
    minimumAge: assumed(16),
    cancellation: { noticeHours: assumed(24), lateCancellation: assumed('consume'), noShow: assumed('consume') },
    content: { kind: 'parcours', themes: [{ id: 'base', label: 'Compétences de base' }] },
    prescribedBy: ['Travailleurs sociaux'],
    eligibility: {
      questions: [
        {
          id: 'q1',
          text: 'questions.needs_help',
          choices: [
            { label: 'answers.yes', then: 'likely' },
            { label: 'answers.no', then: 'not_needed' },
          ],
        },
      ],
    },
    trainers: 'Conseillers numériques',
    contact: { name: 'Service Pass' },
    places: {
      training: { sources: ['national'] },
      prescribing: {},
      defaultOpeningHours: assumed('Mo-Fr 09:00-17:00'),
    },
    slots: { sessionMinutes: assumed(60), capacity: assumed(4) },
    ...overrides,
  });
}

export function beneficiary(overrides: Partial<Beneficiary> = {}): Beneficiary {
  return {
    id: id('ben'),
    programmeId: 'lozere',
    firstName: 'Jeanne',
    lastName: 'Martin',
    birthDate: '1950-04-12',
    communeInsee: '48095',
    createdAt: at('2026-01-05T10:00:00Z'),
    createdBy: system,
    ...overrides,
  };
}

/** A book with its `issue` entry, so its buckets agree with its ledger. */
export function voucherBook(overrides: Partial<VoucherBook> = {}): VoucherBook {
  const book = issueVoucherBook({
    id: overrides.id ?? id('book'),
    number: `N-${randomUUID().slice(0, 8)}`,
    programmeId: 'lozere',
    beneficiaryId: 'ben-1',
    hours: overrides.hoursTotal ?? 10,
    issuedAt: overrides.issuedAt ?? at('2026-01-10T09:00:00Z'),
    expiresAt: at('2027-01-10T09:00:00Z'),
    issuedBy: { kind: 'prescriber', id: 'presc-1' },
    structure: 'Centre social de Mende',
    reason: 'issued',
  });
  return { ...book, ...overrides };
}

export function entry(operation: Exclude<LedgerOperation, 'issue'>, hours: number, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    operationId: id('op'),
    operation,
    hours,
    at: at('2026-03-01T10:00:00Z'),
    by: system,
    reason: `${operation} in test`,
    ...overrides,
  };
}

export function place(overrides: Partial<Place> = {}): Place {
  return {
    id: id('place'),
    name: 'Médiathèque de Mende',
    address: '1 place du Foirail',
    postalCode: '48000',
    commune: 'Mende',
    latitude: 44.518,
    longitude: 3.5,
    services: ['Accompagnement aux démarches'],
    source: 'national',
    programmes: [{ programmeId: 'lozere', roles: ['training'] }],
    ...overrides,
  };
}

export function trainer(overrides: Partial<Trainer> = {}): Trainer {
  return { id: id('trainer'), programmeId: 'lozere', firstName: 'Paul', placeIds: [], active: true, ...overrides };
}

export function prescriber(overrides: Partial<Prescriber> = {}): Prescriber {
  return {
    id: id('presc'),
    programmeId: 'lozere',
    displayName: 'Anne Social',
    structure: 'CMS Mende',
    role: 'prescriber',
    aadObjectId: id('aad'),
    tenantId: 'tenant-48',
    active: true,
    ...overrides,
  };
}

export function slot(overrides: Partial<Slot> = {}): Slot {
  const capacity = overrides.capacity ?? 4;
  return {
    id: id('slot'),
    programmeId: 'lozere',
    placeId: 'place-1',
    start: at('2026-03-02T09:00:00Z'),
    end: at('2026-03-02T10:00:00Z'),
    capacity,
    seatsLeft: capacity,
    bookingIds: [],
    ...overrides,
  };
}

export function booking(overrides: Partial<Booking> = {}): Booking {
  const slotId = overrides.slotId ?? 'slot-1';
  const beneficiaryId = overrides.beneficiaryId ?? id('ben');
  return {
    id: id('booking'),
    programmeId: 'lozere',
    slotId,
    beneficiaryId,
    voucherBookId: 'book-1',
    hours: 1,
    status: 'pending',
    activeKey: `${slotId}:${beneficiaryId}`,
    requestId: id('activity'),
    createdAt: at('2026-02-20T08:00:00Z'),
    updatedAt: at('2026-02-20T08:00:00Z'),
    createdBy: { kind: 'beneficiary', id: beneficiaryId },
    ...overrides,
  };
}

export function auditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: id('audit'),
    at: at('2026-02-01T12:00:00Z'),
    actor: { kind: 'prescriber', id: 'presc-1' },
    programmeId: 'lozere',
    action: 'beneficiary.view',
    subject: { kind: 'beneficiary', id: 'ben-1' },
    ...overrides,
  };
}

/** Awaits a promise expected to reject, and returns what it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject, it resolved');
}
