/**
 * What an SMS costs: the number of segments a carrier bills, after 3GPP
 * TS 23.038 — GSM-7 (160 septets in one segment, 153 a segment once split,
 * the extension table's € ^ { } [ ] ~ \ | counting two) when every
 * character is in the GSM 03.38 alphabet, UCS-2 (70, then 67) as soon as
 * one is not. Counted by Twilio's own calculator (sms-segments-calculator,
 * docs/decisions/0002-sms-segments.md), the provider that bills us.
 */
import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsCost {
  encoding: SmsEncoding;
  segments: number;
}

export function smsCost(text: string): SmsCost {
  const message = new SegmentedMessage(text);
  return { encoding: message.encodingName, segments: message.segmentsCount };
}

/** Segments of several messages sent one after the other (each is billed on its own). */
export function segmentsOf(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + smsCost(text).segments, 0);
}

const gsmCache = new Map<string, boolean>();

/** Whether one character is in the GSM 03.38 basic or extension table. */
export function isGsm7Character(character: string): boolean {
  let known = gsmCache.get(character);
  if (known === undefined) {
    known = new SegmentedMessage(character).encodingName === 'GSM-7';
    gsmCache.set(character, known);
  }
  return known;
}
