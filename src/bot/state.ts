/**
 * What the bot remembers between turns. Kept small: no personal data in
 * conversation state beyond what the current step needs.
 */
import type { Activity, ConversationState, StatePropertyAccessor, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { createHash } from 'node:crypto';
import type { SessionExclusion } from '../domain/sessionExclusions';
import type { WhenEntity } from '../nlu/whenEntity';

/** A session booked, cancelled or moved by a flow under way (dialogs/doneInFlow.ts). */
export interface DoneInFlow {
  kind: 'booked' | 'cancelled' | 'moved';
  /** The session as said (« vendredi 4 décembre à 9 h »); for a move, its new moment. */
  when: string;
}

/**
 * What the person said they want of the booking under way, from whichever
 * message said it (dialogs/bookingWish.ts): only what is missing is asked.
 * Plain JSON, as everything kept in state.
 */
export interface BookingWish {
  /** The words that named a subject, matched against the person's own catalogue once known. */
  themeText?: string;
  /** A commune named (« à Florac », « près de Mende »): sessions at or nearest it. */
  commune?: { insee: string; name: string; near: boolean };
  /** « près de chez moi »: the person's own commune, never a commune of that name. */
  nearMe?: true;
  /** A place picked from a list of places (« Réserver à La Pompe »): its sessions first, near the commune of the list. */
  placeId?: string;
  /** The moment asked (« jeudi après-midi », « demain 10h »). */
  when?: WhenEntity;
  /** What was said against (« pas le lundi », « pas le matin »), for the whole booking, until a moment asks for it. */
  exclusions?: SessionExclusion[];
}

/** What a commune given serves: the training places near it, the places that hand out the pass, the eligibility. */
export type CommuneUse = 'places' | 'prescribers' | 'eligibility';

export interface ConversationData {
  /** The welcome was sent (SMS has no conversationUpdate: we welcome on the first message). */
  welcomed?: boolean;
  /**
   * The beneficiary proved who they are (carnet number + birth date) at `at`
   * (ms), from this channel identity: the proof is theirs, not the
   * conversation's (a Web Chat or Teams conversation may have other senders).
   */
  verified?: { beneficiaryId: string; at: number } & Sender;
  /** Who sent the last turn: a flow is only continued for the sender who drove it. */
  lastSender?: Sender;
  /** The last answer was how to get a carnet, to someone with none: « comment je fais alors ? » right after asks the next step. */
  /** « je sais pas » at the menu got the short orientation: said again, it is a person to call. */
  orientationGiven?: true;
  noVoucherBookTold?: true;
  /** The identification lock-out was told at `at` (ms), for that programme's carnet: said again in short while it lasts. */
  lockTold?: { at: number; programmeId?: string };
  /** The last answer was this beneficiary's access log: « c qui claire ? » right after asks about it (dialogs/myAccessLog.ts). */
  accessLogOf?: string;
  /**
   * Someone here writes for another person (« je suis la fille de Gérard », « c'est pour ma voisine »):
   * that person's file is named by their first name, not « vous » (dialogs/speakingFor.ts).
   */
  forSomeoneElse?: true;
  /** On SMS, the programme whose short « about » was sent: « PLUS » gives its whole text. */
  moreAbout?: string;
  /** The booking under way: what the person already said of its subject, place and moment. */
  bookingWish?: BookingWish;
  /**
   * The last thing said here is the after-session question (« Répondez de 1
   * à 5 »), sent of the bot's own accord: a bare digit now is its rating.
   * Any other message drops it — the person started something else, and an
   * answer goes to the question asked last (bot/feedbackAnswer.ts).
   */
  awaitingRating?: true;
  /**
   * What the last eligibility answer here was given on, for this sender at
   * `at` (ms): where (a commune's INSEE code or a département) and the
   * choices made, by question id. « je suis au RSA » said right after is
   * answered again with them, not asked from the start. Choices only.
   */
  lastEligibility?: {
    where: { insee: string } | { departement: string };
    answered: Record<string, string>;
    /** Asked « as if » the person lived there (« et si j'habitais à Crest ? »). */
    asIf?: true;
    at: number;
  } & Sender;
  /**
   * The commune this sender gave as theirs, at `at` (ms), by its INSEE code: a place search or the eligibility
   * started later takes it, saying so, rather than asking again (dialogs/communeGiven.ts); `answered`: what was
   * answered for it already, which asked again means another commune. Never a place asked « as if ».
   */
  communeGiven?: { insee: string; answered: CommuneUse[]; at: number } & Sender;
  /**
   * The beneficiary whose file a professional opened last here (ids only):
   * « elle a combien d'heures ? » next means them — for that professional only.
   */
  lastProFile?: { beneficiaryId: string; professionalId: string };
  /** What the flows under way since the menu did (dialogs/doneInFlow.ts): said when they are stopped. */
  doneInFlow?: DoneInFlow[];
  /**
   * The session booked last here, at `at` (ms): « ah non finalement annule »,
   * « celui que je viens de prendre » right after mean that one.
   */
  lastBooked?: { bookingId: string; at: number };
  /**
   * The session cancelled last here, at `at` (ms): « remettez mercredi », « je me suis trompée » right after
   * offer it again (dialogs/undoCancel.ts). Its place and start (ISO), not the person's data.
   */
  lastCancelled?: { placeId: string; start: string; themeId?: string; at: number };
  /**
   * The places the last answer that named any named, as it named them (a search merges the records of one
   * place: an id alone would give back one record, not what was said): « c'est où ? », « et le numéro ? » at
   * the menu next ask about them (dialogs/namedPlaces.ts). Dropped when a flow starts from the menu.
   */
  namedPlaces?: NamedPlace[];
}

/** A place as an answer named it: what its details are written from (dialogs/placeText.ts PlaceCard), plain JSON. */
export interface NamedPlace {
  name: string;
  address: string;
  postalCode: string;
  commune: string;
  phone?: string;
  openingHours?: string;
  openingHoursIsDefault?: boolean;
}

/**
 * Who sent a turn: the channel and a hash of the user id on it (on SMS the
 * id is the phone number, which conversation state must not hold).
 */
export interface Sender {
  channelId: string;
  user: string;
}

export function senderOf(activity: Pick<Activity, 'channelId' | 'from'>): Sender {
  const id = activity.from?.id ?? '';
  return { channelId: activity.channelId, user: id ? createHash('sha256').update(id).digest('base64url').slice(0, 22) : '' };
}

/** A proof of identity lasts for the conversation, at most this long. */
export const VERIFIED_FOR_MS = 30 * 60_000;

export const sameSender = (a: Sender, b: Sender) => a.channelId === b.channelId && a.user === b.user && b.user !== '';

/** The beneficiary this sender proved to be in this conversation, if the proof is still fresh. */
export function verifiedBeneficiary(data: ConversationData, sender: Sender, now: Date): string | undefined {
  const verified = data.verified;
  return verified && sameSender(verified, sender) && now.getTime() - verified.at < VERIFIED_FOR_MS ? verified.beneficiaryId : undefined;
}

/**
 * This turn comes from another sender than the one who drove the flow under
 * way, in a conversation where someone proved who they are: that flow may
 * hold their data (their sessions, their carnet), so it must not go on.
 */
export function switchesSender(data: ConversationData, sender: Sender): boolean {
  return data.verified !== undefined && data.lastSender !== undefined && !sameSender(data.lastSender, sender);
}

export interface UserProfile {
  /** The programme (département) the person said they live in. */
  programmeId?: string;
}

export interface BotStateAccessors {
  conversationState: ConversationState;
  userState: UserState;
  dialogState: StatePropertyAccessor<DialogState>;
  conversationData: StatePropertyAccessor<ConversationData>;
  userProfile: StatePropertyAccessor<UserProfile>;
}

export function createAccessors(conversationState: ConversationState, userState: UserState): BotStateAccessors {
  return {
    conversationState,
    userState,
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    conversationData: conversationState.createProperty<ConversationData>('conversationData'),
    userProfile: userState.createProperty<UserProfile>('userProfile'),
  };
}
