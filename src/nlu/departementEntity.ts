/**
 * A département said instead of a commune: its number alone (« 48 »,
 * « 26 ») or the name of a served one (« dans la drome », « en Lozère »).
 * A number counts only as the whole message: « 26 » in « j'ai 26 ans » is
 * no département, nor « le 15 » (a day). A postal code alone says its
 * département too (« 69000 », which no commune has — Lyon's are 69001 to
 * 69009 — is the Rhône): callers read it as a commune first.
 */
import { normalize } from './normalize';

export interface DepartementEntity {
  code: string;
  /** One of the programme's départements. */
  served: boolean;
}

/** Metropolitan and Corsican codes: 01–95, 2A, 2B. */
const CODE = /^(?:0[1-9]|[1-8]\d|9[0-5]|2a|2b)$/;

/** « 69000 », « code postal 26400 », « c'est 48000 »: a postal code and nothing else. */
const POSTAL_CODE_ALONE = /^(?:(?:c est|cest|code postal|cp|le|mon code postal est)\s)?(\d{5})$/;

/** The département of a postal code: its first two digits; three overseas (971…), 2A or 2B in Corsica. */
export function departementOfPostalCode(postalCode: string): string | undefined {
  if (postalCode.startsWith('97') || postalCode.startsWith('98')) return postalCode.slice(0, 3);
  if (postalCode.startsWith('20')) return Number(postalCode) < 20200 ? '2A' : '2B';
  const code = postalCode.slice(0, 2);
  return CODE.test(code) ? code : undefined;
}

export function findDepartement(text: string, served: readonly { code: string; name: string }[]): DepartementEntity | undefined {
  const said = normalize(text).replace(/\?/g, ' ').trim();
  const alone = /^(?:(?:dans le|departement|dept|dep|le departement)\s)?(\w{2})$/.exec(said)?.[1];
  const postalCode = POSTAL_CODE_ALONE.exec(said)?.[1];
  const byNumber = alone && CODE.test(alone) ? alone.toUpperCase() : postalCode && departementOfPostalCode(postalCode);
  if (byNumber) return { code: byNumber, served: served.some((d) => d.code === byNumber) };
  const padded = ` ${said} `;
  const named = served.find((d) => padded.includes(` ${normalize(d.name)} `));
  return named ? { code: named.code, served: true } : undefined;
}

/** The words before a département's name in « les chiffres de l'Ardèche », « du Gard », « pour les Landes », « en Isère ». */
const BEFORE_NAME = '(?:de|du|des|d|en|dans|pour|sur)(?: (?:le|la|l|les))?';

/** Shorter names are asked with their preposition: some are ordinary words too (« le Lot », « la Somme », « le Cher »). */
const BARE_NAME_LENGTH = 7;

/**
 * Any département named (« de l'Ardèche », « du gard », « stats ardeche »),
 * from `all` (every département): the served ones are also found by name
 * alone by findDepartement. A short name counts after a preposition only.
 */
export function findNamedDepartement(text: string, all: readonly { code: string; name: string }[]): { code: string } | undefined {
  const said = ` ${normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;
  // The longest names first: « de la haute loire » is not « de la loire ».
  const byLength = [...all].sort((a, b) => b.name.length - a.name.length);
  const named = byLength.find((d) => {
    const name = normalize(d.name);
    return name.replace(/ /g, '').length >= BARE_NAME_LENGTH
      ? said.includes(` ${name} `)
      : new RegExp(` ${BEFORE_NAME} ${name} `).test(said);
  });
  return named ? { code: named.code } : undefined;
}
