/**
 * Everything a message says besides its intent: a commune (or a postal
 * code's communes), a carnet number, a birth date, dates and times, numbers,
 * a phone number, yes or no. Each entity is `{ type, value, … }`; the
 * dialogs take what their step needs and ignore the rest.
 */
import type { CommuneIndex } from '../domain/communes';
import { parseBirthDate } from './birthDate';
import { findVoucherBookNumber } from './voucherBookNumberEntity';
import { communesInSentence } from './communeEntity';
import { type DateTimeEntity, findDateTimes } from './dateTimeEntity';
import { findPhoneNumbers, type PhoneEntity } from './phoneEntity';
import { findNumbers, findYesNo, type NumberEntity, type YesNoEntity } from './smallEntities';

export interface CommuneEntity {
  type: 'commune';
  /** The commune's official name; the most populated one when several match. */
  value: string;
  insee: string;
  departement: string;
  postalCodes: string[];
  /** Every commune that matched (a postal code often serves several), most populated first. */
  candidates: { insee: string; name: string }[];
}

export interface VoucherBookNumberEntity {
  type: 'voucherBookNumber';
  /** Canonical form, check character verified ("LOZ-7K3F-9QX"). */
  value: string;
}

export interface BirthDateEntity {
  type: 'birthDate';
  /** YYYY-MM-DD. */
  value: string;
}

export type Entity = CommuneEntity | VoucherBookNumberEntity | BirthDateEntity | DateTimeEntity | NumberEntity | PhoneEntity | YesNoEntity;

export type { DateTimeEntity, NumberEntity, PhoneEntity, YesNoEntity };

export class EntityExtractor {
  constructor(
    private readonly communes: CommuneIndex,
    private readonly departements: readonly string[],
  ) {}

  extract(text: string, now: Date = new Date()): Entity[] {
    const entities: Entity[] = [];
    const { phones, rest } = findPhoneNumbers(text);
    const commune = this.commune(rest);
    if (commune) entities.push(commune);
    // Glued words pass the check character one time in 32: only try text that has a digit or a prefix in capitals.
    const voucherBook = /\d|\b[A-Z]{2,4}[-\s]/.test(rest) ? findVoucherBookNumber(rest) : undefined;
    if (voucherBook?.ok) entities.push({ type: 'voucherBookNumber', value: voucherBook.number });
    const birthDate = /\d/.test(rest) ? parseBirthDate(rest, now) : undefined;
    if (birthDate) entities.push({ type: 'birthDate', value: birthDate });
    entities.push(...findDateTimes(rest, now), ...phones, ...findNumbers(rest), ...findYesNo(text));
    return entities;
  }

  private commune(text: string): CommuneEntity | undefined {
    const found = communesInSentence(this.communes, text, this.departements);
    const first = found[0];
    if (!first) return undefined;
    return {
      type: 'commune',
      value: first.name,
      insee: first.insee,
      departement: first.departement,
      postalCodes: first.postalCodes,
      candidates: found.map((c) => ({ insee: c.insee, name: c.name })),
    };
  }
}
