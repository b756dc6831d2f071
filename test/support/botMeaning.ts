/**
 * What the bot means, not its exact words, for the tests that run whole
 * flows only to reach a point (a crash, a second instance, a dead database).
 * The wording differs by channel (the SMS texts are shorter: « Je réserve :
 * … D'accord ? » against « Je réserve pour vous : … C'est d'accord ? ») and
 * is rewritten as the conversations improve; these tests must fail for what
 * they test, not for a better sentence.
 */

/** The booking's confirmation question, on any channel (a warning may come first: a session very close). */
export const ASKS_TO_CONFIRM_BOOKING = /(^|\n)Je réserve( pour vous)? : .+[Dd]'accord \?/s;

/** The booking is made. */
export const BOOKED = /^C'est réservé : /;

/** A reminder is offered (« Voulez-vous un rappel deux jours avant ? », « Un rappel par SMS deux jours avant ? », …). */
export const OFFERS_A_REMINDER = /rappel\b[^?]*\?/i;
