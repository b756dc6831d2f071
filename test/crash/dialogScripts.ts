/**
 * Conversations the dialog crash test (dialogCrash.test.ts) drives against
 * the bot process, as small state machines: a state is the question the bot
 * is asking, recognised from the words of that question (the same words
 * appear when the bot asks it again after an answer it did not understand).
 * Each script says what the person answers in each state, and which states
 * that answer may lead to — what a turn killed in flight may have reached.
 *
 * PROBE is a message no question accepts: the bot says it did not
 * understand and asks its current question again, changing nothing. Sent
 * after a restart, it shows where each conversation stands.
 */

export const PROBE = 'xyzzy';

/** The questions, by state; a reply is in the state whose question comes LAST in it. */
const QUESTIONS = {
  menu: /Que souhaitez-vous faire|Voici ce que je peux faire|Autre chose \? Écrivez MENU/g,
  commune: /dans quelle commune habitez-vous|Je ne trouve pas cette commune/g,
  needsHelp: /Avez-vous besoin d'aide pour utiliser/g,
  adult: /Avez-vous 18 ans ou plus/g,
  social: /[ÊE]tes-vous suivi par un travailleur social/g,
  carnet: /numéro de votre carnet|numéro de carnet/g,
  birthDate: /Quelle est votre date de naissance|Je n'ai pas compris cette date/g,
  theme:
    /Quel parcours vous intéresse|Sur quel sujet voulez-vous [êe]tre aidé|dites(?:-moi)? en quelques mots ce que vous voulez apprendre/g,
  slot: /Quel moment vous convient|Quel moment \?/g,
  confirm: /[Dd]'accord \?|Je confirme la réservation/g,
} as const;

export type DialogState = keyof typeof QUESTIONS;

/** The state a reply leaves the conversation in; undefined when the reply asks none of the known questions. */
export function stateOf(reply: string): DialogState | undefined {
  let found: { state: DialogState; at: number } | undefined;
  for (const [state, question] of Object.entries(QUESTIONS) as [DialogState, RegExp][]) {
    for (const match of reply.matchAll(question)) {
      if (!found || match.index > found.at) found = { state, at: match.index };
    }
  }
  return found?.state;
}

export interface Step {
  answer: string;
  /** Where the answer may lead. */
  next: readonly DialogState[];
}

export interface Script {
  name: string;
  channelId: 'sms';
  steps: Partial<Record<DialogState, Step>>;
}

/** « Suis-je éligible ? » in Lozère, over and over: commune, then the three questions, then the menu again. */
export const eligibility: Script = {
  name: 'eligibility',
  channelId: 'sms',
  steps: {
    // After the first round the menu is « Autre chose ? Écrivez MENU. », no list in sight: « 2 » is still
    // « Suis-je éligible ? » (the menu's numbers never change), never the list first and the number again.
    menu: { answer: '2', next: ['commune'] },
    commune: { answer: 'Marvejols', next: ['needsHelp'] },
    needsHelp: { answer: 'un peu', next: ['adult'] },
    adult: { answer: 'oui', next: ['social'] },
    social: { answer: '1', next: ['menu'] },
  },
};

/**
 * « Réserver une séance » up to the confirmation, answered « non », then the
 * first session again, over and over: identified by carnet number and birth date the first time, by the
 * phone's link to the carnet afterwards.
 */
export function bookingUpToConfirmation(person: { voucherBookNumber: string; birth: string }): Script {
  return {
    name: `booking ${person.voucherBookNumber}`,
    channelId: 'sms',
    steps: {
      menu: { answer: '5', next: ['carnet', 'theme'] },
      carnet: { answer: person.voucherBookNumber, next: ['birthDate'] },
      birthDate: { answer: person.birth, next: ['theme'] },
      theme: { answer: '1', next: ['slot'] },
      slot: { answer: '1', next: ['confirm'] },
      // « non » goes back to the sessions (issue 14, fault 15), where « 1 » proposes one again.
      confirm: { answer: 'non', next: ['slot'] },
    },
  };
}

/** Demo people (data/demo/identities.json) with hours on their carnet. */
