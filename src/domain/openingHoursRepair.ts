/**
 * Published opening hours as the bot can use them: valid as published,
 * repaired when a common slip has one clear reading, or unreadable (the
 * place is then imported with hours unknown and the raw text reported).
 *
 * Slips repaired, each only when the result is valid OSM syntax:
 * - "08h30" / "8h" → "08:30" / "08:00";
 * - " / " between two ranges (the France services way) → ",";
 * - a comma typed as a hyphen: "08:30-12:00-14:00-17:30" → "08:30-12:00,14:00-17:30";
 * - a closing time left out: "Mo 08:30-12:00-14:00" next to "Tu-Fr
 *   08:30-12:00,14:00-17:30" → "Mo 08:30-12:00,14:00-17:30", because
 *   another rule of the same value opens and closes at exactly those times.
 *   Without such a rule the intent is not clear and nothing is guessed.
 */
import { checkOpeningHours } from './openingHours';

export type HoursReading =
  { kind: 'valid'; value: string } | { kind: 'repaired'; value: string; published: string } | { kind: 'unreadable'; published: string };

const TIME = String.raw`\d{2}:\d{2}`;

/** "8h30", "08h", "8:30" → "08:30", "08:00", "08:30". */
function normalizeTimes(value: string): string {
  return value
    .replace(/\b(\d{1,2})\s*h\s*(\d{2})?\b/gi, (_m, h: string, m?: string) => `${h.padStart(2, '0')}:${m ?? '00'}`)
    .replace(/(?<![\d:])(\d):(\d{2})\b/g, '0$1:$2')
    .replace(/[–—]/g, '-')
    .replace(new RegExp(`(${TIME})\\s*-\\s*(${TIME})`, 'g'), '$1-$2');
}

/** Two ranges joined by " / ": "09:00-12:00 / 13:30-17:00". */
function slashToComma(value: string): string {
  return value.replace(new RegExp(`(${TIME}-${TIME})\\s*/\\s*(?=${TIME})`, 'g'), '$1,');
}

/** "a-b-c-d" → "a-b,c-d". */
function splitFourTimeChains(value: string): string {
  return value.replace(new RegExp(`(${TIME})-(${TIME})-(${TIME})-(${TIME})`, 'g'), '$1-$2,$3-$4');
}

/** "a-b-c" completed from another rule "a-b,c-d" of the same value; unchanged when no single such rule. */
function completeThreeTimeChains(value: string): string {
  return value.replace(new RegExp(`(${TIME})-(${TIME})-(${TIME})(?![-\\d:])`, 'g'), (chain, a: string, b: string, c: string) => {
    const sibling = new RegExp(`${a}-${b},${c}-(${TIME})`, 'g');
    const ends = new Set([...value.matchAll(sibling)].map((m) => m[1]));
    return ends.size === 1 ? `${a}-${b},${c}-${[...ends][0]}` : chain;
  });
}

export function readOpeningHours(published: string): HoursReading {
  const trimmed = published.trim();
  if (checkOpeningHours(trimmed).ok) return { kind: 'valid', value: trimmed };
  const repaired = completeThreeTimeChains(splitFourTimeChains(slashToComma(normalizeTimes(trimmed))));
  if (repaired !== trimmed && checkOpeningHours(repaired).ok) return { kind: 'repaired', value: repaired, published: trimmed };
  return { kind: 'unreadable', published: trimmed };
}
