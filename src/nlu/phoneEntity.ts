/**
 * Phone numbers in a message, in E.164 ("06 12 34 56 78" → "+33612345678"),
 * through libphonenumber-js (Google's numbering metadata): it knows which
 * French numbers are valid, and reads "+33 6…", "0033 6…" and "06.12…".
 */
import { findPhoneNumbersInText } from 'libphonenumber-js';

export interface PhoneEntity {
  type: 'phoneNumber';
  value: string;
}

/** The numbers found, and the text without them (so "06 12 34…" is not also read as a date or numbers). */
export function findPhoneNumbers(text: string): { phones: PhoneEntity[]; rest: string } {
  if (!/\d{2}/.test(text)) return { phones: [], rest: text };
  const found = findPhoneNumbersInText(text, 'FR');
  let rest = text;
  for (const f of [...found].reverse()) rest = `${rest.slice(0, f.startsAt)} ${rest.slice(f.endsAt)}`;
  return { phones: found.map((f) => ({ type: 'phoneNumber', value: f.number.number })), rest };
}
