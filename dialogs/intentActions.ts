/**
 * What each understood request does for a beneficiary: the menu entries,
 * and for every intent and global command, the flow it starts or the
 * answer it gets. Pure mapping, shared by the main menu (MainDialog) and
 * the routing of messages typed at a question (ConversationRouter).
 */
import type { GlobalCommand } from '../src/nlu/commands';
import {
  asksWhereToGetPass,
  findSignals,
  saysHypotheticalHome,
  saysLostVoucherBook,
  saysNoVoucherBook,
} from '../src/nlu/conversationSignals';
import type { Intent } from '../src/nlu/intentModel';
import type { PlainQuestion } from '../src/nlu/plainQuestions';
import { saysNewHere } from '../src/nlu/plainQuestions';
import { namesSessionAlone } from '../src/nlu/sessionAlone';
import { saysSocialWorker } from '../src/nlu/situationEntity';
import { MY_ACCESS_LOG_DIALOG } from './myAccessLog';
import type { EligibilityOptions } from './EligibilityDialog';
import { HUMAN_DIALOG, type HumanOptions } from './HumanDialog';
import type { MyBookingsOptions } from './MyBookingsDialog';
import { PRIVACY_DIALOG, type PrivacyOptions } from './PrivacyDialog';
import { RENEW_DIALOG } from './RenewDialog';
import type { FlowStart } from './threadTypes';

/** Menu entries in display order; each maps to the dialog that serves it. */
export const MENU_ITEMS = ['about', 'eligibility', 'find_place', 'balance', 'book', 'my_bookings', 'human'] as const;
export type MenuItem = (typeof MENU_ITEMS)[number];

export type { FlowStart };

/** What a recognised intent does. */
export type IntentAction =
  | { kind: 'flow'; item: Exclude<MenuItem, 'human'>; options?: object }
  | { kind: 'start'; start: FlowStart }
  | { kind: 'answer'; command: 'help' }
  /** `asks`: the sentence ends with its own question (« Répondez par un numéro »), so the menu is not shown again under it. */
  | { kind: 'say'; key: string; asks?: true }
  /** « j'ai perdu mon carnet »: how to get one, and whom to call (what the carnet question answers). */
  | { kind: 'noVoucherBook' }
  /** « c'est un robot ? », « j'ai pas d'ordi »: its answer in place (plainAnswers.ts). */
  | { kind: 'plain'; question: PlainQuestion }
  | { kind: 'menu' }
  | { kind: 'bye' };

const INTENT_ACTIONS: Record<Intent, IntentAction | undefined> = {
  greeting: { kind: 'menu' },
  menu: { kind: 'menu' },
  about: { kind: 'flow', item: 'about' },
  eligibility: { kind: 'flow', item: 'eligibility' },
  find_place: { kind: 'flow', item: 'find_place' },
  balance: { kind: 'flow', item: 'balance' },
  book: { kind: 'flow', item: 'book' },
  my_bookings: { kind: 'flow', item: 'my_bookings' },
  // The list of sessions, where « Déplacer » is offered: never the cancellation.
  move_booking: { kind: 'flow', item: 'my_bookings', options: { move: true } satisfies MyBookingsOptions },
  cancel_booking: { kind: 'flow', item: 'my_bookings', options: { cancel: true } satisfies MyBookingsOptions },
  // Whom to call: at once when where the person lives is known, else after the département is asked.
  human: { kind: 'start', start: { dialogId: HUMAN_DIALOG } },
  help: { kind: 'answer', command: 'help' },
  privacy: { kind: 'start', start: { dialogId: PRIVACY_DIALOG } },
  access_log: { kind: 'start', start: { dialogId: MY_ACCESS_LOG_DIALOG } },
  // Someone else's file is for professionals in Teams: on these channels, nothing about anyone.
  prescribe: { kind: 'say', key: 'menu.professionals_only' },
  pro_access: { kind: 'say', key: 'menu.professionals_only' },
  bye: { kind: 'bye' },
  // A scam told: what to do, then whom to call; never a question about who the person is.
  scam: { kind: 'start', start: { dialogId: HUMAN_DIALOG, options: { scam: true } satisfies HumanOptions } },
  // Another carnet: from the person's own carnet, or the programme's rule, with whom to ask.
  renew: { kind: 'start', start: { dialogId: RENEW_DIALOG } },
  // Out of scope or nonsense: the pending question is asked again, with what the bot can do.
  unknown: undefined,
};

/**
 * « rdv », « mon rdv » alone (src/nlu/sessionAlone.ts): the person's
 * sessions, with the choice of booking another; the booking itself when she
 * has none (MyBookingsDialog's `orBook`).
 */
export const SESSION_ALONE: IntentAction = { kind: 'flow', item: 'my_bookings', options: { orBook: true } satisfies MyBookingsOptions };

/**
 * Intents a sentence naming the person's social worker may be read as
 * (« je vois l'assistante sociale » → human, « mon assistante sociale m'a
 * parlé du pass » → prescribe): all of them mean « how do I get one? ».
 * A request for the person's own hours or sessions stays what it is.
 */
const ABOUT_GETTING_ONE: ReadonlySet<Intent> = new Set<Intent>([
  'greeting',
  'about',
  'eligibility',
  'human',
  'help',
  'prescribe',
  'pro_access',
  'unknown',
]);

/** Requests about one's own carnet or sessions, which a « où » in them does not turn into where to get one. */
const OWN_FILE: ReadonlySet<Intent> = new Set<Intent>(['balance', 'my_bookings', 'move_booking', 'cancel_booking']);

/**
 * What a sentence the model read as `intent` does. Leaving is decided by the
 * person's words alone (« au revoir », « c'est bon merci »), never by the
 * model: it reads « ok », « lundi matin » or « je sais plus » as goodbyes,
 * and a goodbye in the middle of a question loses what the person was doing.
 * Having no carnet too (« j'ai perdu mon carnet »): the model reads it as
 * « mes heures » or « aide », which ask for the number the person has not.
 * And « et si j'habitais à Crest ? », which it reads as nothing: the
 * eligibility of that place. Naming the social worker who follows them is
 * the way to get one: the eligibility flow says so (« j'ai pas de carnet, je
 * vois l'assistante sociale » included). A session named alone (« rdv »,
 * « mon rdv ») may be hers or a new one: both are offered.
 * Where to get a carnet (« et où je peux avoir le carnet ? »), which the
 * model reads as the eligibility or the training places: the places that
 * hand it out. Someone new here, sent by another (« ma fille m'a donné ce
 * numéro »), is told what the service is with the menu.
 */
export function actionFor(intent: Intent, text: string): IntentAction | undefined {
  if (findSignals(text).has('goodbye')) return { kind: 'bye' };
  if (asksWhereToGetPass(text) && !OWN_FILE.has(intent)) return { kind: 'flow', item: 'find_place', options: { prescribing: true } };
  if (ABOUT_GETTING_ONE.has(intent) && saysSocialWorker(text)) {
    return { kind: 'flow', item: 'eligibility', options: { socialWorker: true } satisfies EligibilityOptions };
  }
  // « jai perdu mon carnet »: one she had, not none; the identification says who knows its number, and on SMS that the birth date may do.
  if (saysLostVoucherBook(text)) return { kind: 'flow', item: 'balance' };
  if (saysNoVoucherBook(text)) return { kind: 'noVoucherBook' };
  if (saysHypotheticalHome(text)) return { kind: 'flow', item: 'eligibility' };
  if (namesSessionAlone(text)) return SESSION_ALONE;
  // « ma fille m'a donné ce numéro »: someone sent here by another (never a prescription, which « donné » weighs towards); what it is, with the menu.
  if (saysNewHere(text)) return { kind: 'say', key: 'menu.new_here' };
  return intent === 'bye' ? undefined : INTENT_ACTIONS[intent];
}

/** Commands that start a flow of their own rather than answer in place. */
export const FLOW_COMMANDS: Partial<Record<GlobalCommand, FlowStart>> = {
  human: { dialogId: HUMAN_DIALOG },
  privacy: { dialogId: PRIVACY_DIALOG },
  erase: { dialogId: PRIVACY_DIALOG, options: { erase: true } satisfies PrivacyOptions },
};
