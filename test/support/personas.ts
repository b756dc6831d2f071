/**
 * The demo's people as tests use them, read from data/demo/identities.json
 * (the file the demo seed and the README use), so a test never restates a
 * carnet number, a birth date or an id that could drift from the data.
 *
 * - MARTINE (Lozère): an active carnet with a booking to come, a phone;
 * - GERARD (Drôme): a chéquier with one hour left;
 * - SYLVIE (Lozère): an expired carnet.
 */
import { loadDemoIdentities, type DemoBeneficiary } from '../../src/data/demoIdentities';

export interface Persona {
  id: string;
  programmeId: string;
  firstName: string;
  lastName: string;
  /** « Martine Delmas »: how a prescriber searches for the person. */
  fullName: string;
  voucherBookNumber: string;
  /** ISO (1958-04-12), as stored. */
  birthDate: string;
  /** As a person types it: 12/04/1958. */
  birth: string;
  communeInsee: string;
}

function demoBeneficiary(scenario: DemoBeneficiary['scenario']): DemoBeneficiary {
  const person = loadDemoIdentities().beneficiaries.find((b) => b.scenario === scenario);
  if (!person) throw new Error(`data/demo/identities.json has no beneficiary for the scenario « ${scenario} »`);
  return person;
}

function persona(person: DemoBeneficiary): Persona {
  const [year, month, day] = person.birthDate.split('-');
  return {
    id: person.id,
    programmeId: person.programmeId,
    firstName: person.firstName,
    lastName: person.lastName,
    fullName: `${person.firstName} ${person.lastName}`,
    voucherBookNumber: person.voucherBookNumber,
    birthDate: person.birthDate,
    birth: `${day}/${month}/${year}`,
    communeInsee: person.communeInsee,
  };
}

/** A persona with a phone, in the forms a person or a log may write it. */
export interface PersonaWithPhone extends Persona {
  /** E.164, as the SMS channel gives it: +33639980148. */
  phone: string;
  /** 0639980148 */
  phoneNational: string;
  /** 06 39 98 01 48 */
  phoneSpoken: string;
}

function withPhone(person: DemoBeneficiary): PersonaWithPhone {
  if (!person.phone) throw new Error(`the demo beneficiary ${person.id} has no phone in data/demo/identities.json`);
  const national = `0${person.phone.slice(3)}`;
  return { ...persona(person), phone: person.phone, phoneNational: national, phoneSpoken: national.replace(/(\d\d)(?=\d)/g, '$1 ') };
}

export const MARTINE = withPhone(demoBeneficiary('active-with-booking'));
export const GERARD = persona(demoBeneficiary('nearly-used'));
export const SYLVIE = persona(demoBeneficiary('expired'));

/** The seeded booking of Martine's, as the demo seed keys it. */
export const MARTINES_BOOKING_KEY = `seed:demo-booking-${MARTINE.id}`;

/** A pattern that matches `text` literally (for numbers and names inside a regular expression). */
export function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
