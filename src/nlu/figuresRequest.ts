/**
 * What a question about the programme's figures asks, beyond « the
 * figures »: over which period (reportPeriod.ts), for which served
 * département when one is named (« chiffres de la lozere »), and whether it
 * asks one number (« combien de carnets ce mois ci ») rather than the whole
 * table. The phrases of each number are in locales/fr/pro.json
 * (figures_measures). Pure.
 */
import { frenchList } from '../i18n';
import { findDepartement, findNamedDepartement } from './departementEntity';
import { MONTHS } from './birthDate';
import { oneSlipApart } from './communeTypos';
import { normalize } from './normalize';
import { type PersonQueryText, parsePersonQuery } from './proRequest';
import { findReportPeriod, type ReportPeriod } from './reportPeriod';

/** In the order tried: « combien de séances annulées » is the cancellations, before « combien de séances ». */
export const FIGURES_MEASURES = ['books', 'beneficiaries', 'cancelled', 'sessions'] as const;
/** One number of the report: carnets prescribed, people, sessions held. */
export type FiguresMeasure = (typeof FIGURES_MEASURES)[number];

export interface FiguresRequest {
  /** undefined: none named (the year so far). */
  period?: ReportPeriod;
  /** The served département named, by code. */
  departementCode?: string;
  /** A département the programme does not serve, named (« les chiffres de l'Ardèche »): no figures of its own. */
  unservedDepartementCode?: string;
  measure?: FiguresMeasure;
}

/** The number a sentence asks for, if it asks one (« nombre de chequiers »). */
export function findFiguresMeasure(text: string): FiguresMeasure | undefined {
  const said = ` ${normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;
  return FIGURES_MEASURES.find((measure) =>
    frenchList(`pro:figures_measures.${measure}`).some((phrase) => said.includes(` ${normalize(phrase)} `)),
  );
}

type Departements = readonly { code: string; name: string }[];

/** The département a figures question names: a served one, or another (from `all`, every département). */
function namedDepartement(
  text: string,
  served: Departements,
  all: Departements,
): Pick<FiguresRequest, 'departementCode' | 'unservedDepartementCode'> {
  const departement = findDepartement(text, served);
  if (departement?.served) return { departementCode: departement.code };
  const other = findNamedDepartement(text, all);
  return other && !served.some((d) => d.code === other.code) ? { unservedDepartementCode: other.code } : {};
}

export function readFiguresRequest(text: string, now: Date, departements: Departements, all: Departements = departements): FiguresRequest {
  const period = findReportPeriod(text, now);
  const measure = findFiguresMeasure(text);
  return {
    ...(period ? { period } : {}),
    ...namedDepartement(text, departements, all),
    ...(measure ? { measure } : {}),
  };
}

/**
 * Right after figures were given, « et le mois dernier ? », « et en
 * octobre ? », « et pour la Lozère ? »: only another period or
 * département, the rest of the question kept (the number asked, the
 * département or the period). Undefined when the sentence says more (a
 * name) or names neither.
 */
export function readFiguresFollowUp(
  text: string,
  previous: FiguresRequest,
  now: Date,
  departements: Departements,
  all: Departements = departements,
): FiguresRequest | undefined {
  const period = findReportPeriod(text, now);
  const departement = namedDepartement(text, departements, all);
  const code = departement.departementCode ?? departement.unservedDepartementCode;
  if (!period && !code) return undefined;
  let rest = ` ${normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;
  if (period) rest = rest.replace(` ${period.words} `, ' ');
  const named = all.find((d) => d.code === code) ?? departements.find((d) => d.code === code);
  if (named) rest = rest.replace(` ${normalize(named.name)} `, ' ');
  if (parsePersonQuery(rest, now)) return undefined;
  // Another département said replaces the one asked before.
  const { departementCode: _served, unservedDepartementCode: _unserved, ...kept } = previous;
  return {
    ...(code ? kept : previous),
    ...(period ? { period } : {}),
    ...departement,
  };
}

let figuresWords: Set<string> | undefined;
const MONTH_NAMES = Object.keys(MONTHS);

/**
 * « combien de carnets a Martine Delmas », « les chiffres de Gérard
 * Valette »: a figures question about one person, whose file answers it,
 * not the programme's. The person is what is left once the question's own
 * words are gone (the figures' phrases, the period, a département, the
 * words of such questions: pro.json figures_words); undefined when nothing
 * is left (« combien de carnets on a prescrit ce mois ci »).
 */
export function personInFiguresQuestion(text: string, now: Date, departements: readonly { name: string }[]): PersonQueryText | undefined {
  figuresWords ??= new Set(frenchList('pro:figures_words').map(normalize));
  const known = figuresWords;
  let rest = ` ${normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;
  const period = findReportPeriod(text, now);
  if (period) rest = rest.replace(` ${period.words} `, ' ');
  const phrases = ['pro:intents.figures', ...FIGURES_MEASURES.map((m) => `pro:figures_measures.${m}`)].flatMap(frenchList);
  for (const phrase of [...phrases, ...departements.map((d) => d.name)].map(normalize).sort((a, b) => b.length - a.length))
    rest = rest.split(` ${phrase} `).join(' ');
  // « chiffres mois derneir »: a question's word mistyped is no name.
  const mistyped = (w: string) => w.length >= 5 && [...known, ...MONTH_NAMES].some((k) => oneSlipApart(w, k));
  const words = rest.split(' ').filter((w) => w && !known.has(w) && !mistyped(w));
  const person = parsePersonQuery(words.join(' '), now);
  return person?.name || person?.voucherBookNumber ? person : undefined;
}
