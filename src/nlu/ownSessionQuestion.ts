/**
 * « et mon rdv de lundi il est à quelle heure ? », « c'est quand ma séance
 * de vendredi ? »: a question about the person's own session, which names a
 * day as the session list's answers do. It is asked, not chosen: a word of
 * one's own session (`sessions`: « mon rdv », « ma séance ») and a question
 * (`questions`: « quelle heure », « quand », « c'est où », or a « ? »).
 * Word lists in locales/fr/intents.json (`ownSession`), normalised.
 */
import { french } from '../i18n';
import { normalize } from './normalize';
import { inOwnWords } from './speakingFor';

let lists: { sessions: string[]; questions: string[] } | undefined;

export function asksOfOwnSession(text: string): boolean {
  lists ??= (() => {
    const read = french()('intents:ownSession', { returnObjects: true }) as { sessions: string[]; questions: string[] };
    return { sessions: read.sessions.map(normalize), questions: read.questions.map(normalize) };
  })();
  // « elle a un rdv jeudi, elle veut savoir à quelle heure »: a neighbour's session, asked for her.
  const said = ` ${normalize(inOwnWords(text))} `;
  const holds = (phrase: string) => said.includes(` ${phrase} `);
  return lists.sessions.some(holds) && (text.includes('?') || lists.questions.some(holds));
}

/** What is asked of one's own session besides its moment: where, what to bring, who trains, coming with someone. */
export type OwnSessionDetail = 'where' | 'bring' | 'trainer' | 'company';
const DETAILS: OwnSessionDetail[] = ['where', 'bring', 'trainer', 'company'];
let details: Record<OwnSessionDetail, string[]> | undefined;

/** « c ou mon rdv mercredi et je dois amener quoi »: the details asked (`ownSession.details`), in a fixed order. */
export function ownSessionDetails(text: string): OwnSessionDetail[] {
  details ??= Object.fromEntries(
    DETAILS.map((d) => [d, (french()(`intents:ownSession.details.${d}`, { returnObjects: true }) as string[]).map(normalize)]),
  ) as Record<OwnSessionDetail, string[]>;
  const said = ` ${normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;
  return DETAILS.filter((d) => details![d].some((phrase) => said.includes(` ${phrase} `)));
}
