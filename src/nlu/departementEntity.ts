/**
 * A département said instead of a commune: its number alone (« 48 »,
 * « 26 ») or the name of a served one (« dans la drome », « en Lozère »).
 * A number counts only as the whole message: « 26 » in « j'ai 26 ans » is
 * no département, nor « le 15 » (a day).
 */
import { normalize } from './normalize';

export interface DepartementEntity {
  code: string;
  /** One of the programme's départements. */
  served: boolean;
}

/** Metropolitan and Corsican codes: 01–95, 2A, 2B. */
const CODE = /^(?:0[1-9]|[1-8]\d|9[0-5]|2a|2b)$/;

export function findDepartement(text: string, served: readonly { code: string; name: string }[]): DepartementEntity | undefined {
  const said = normalize(text).replace(/\?/g, ' ').trim();
  const alone = /^(?:(?:dans le|departement|dept|dep|le departement)\s)?(\w{2})$/.exec(said)?.[1];
  if (alone && CODE.test(alone)) {
    const code = alone.toUpperCase();
    return { code, served: served.some((d) => d.code === code) };
  }
  const padded = ` ${said} `;
  const named = served.find((d) => padded.includes(` ${normalize(d.name)} `));
  return named ? { code: named.code, served: true } : undefined;
}
