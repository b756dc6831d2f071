/**
 * An age said in passing (« j'ai 68 ans », « a 70 ans ») — so that the
 * eligibility questions do not ask « Avez-vous 18 ans ou plus ? » right
 * after. Only a plausible adult or child age with « ans »; « depuis 3 ans »
 * or « il y a 2 ans » is a duration, not an age.
 */
import { normalize } from './normalize';

const AGE = /\b(?:j ai|jai|ai|a|age de|agee? de|de)\s+(\d{1,3})\s?ans\b/;

export function ageIn(text: string): number | undefined {
  const said = normalize(text);
  if (/\b(?:depuis|il y a|pendant|dans)\s+\d{1,3}\s?ans\b/.test(said)) return undefined;
  const match = AGE.exec(said);
  const age = match ? Number(match[1]) : undefined;
  return age !== undefined && age >= 10 && age <= 120 ? age : undefined;
}
