/**
 * How a flow tells the main menu it ended with a goodbye (« C'est bon,
 * merci » after a list of places): the goodbye was said, and the menu is
 * not shown again after it. The next message starts afresh.
 */
export const SAID_GOODBYE = { saidGoodbye: true } as const;

/**
 * How the privacy flow tells the main menu the person's data were erased: the
 * actions offered next are those of someone the assistant knows nothing of
 * (booking and hours offered there once pointed to a carnet gone).
 */
export const ERASED = { erased: true } as const;

export function erasedData(result: unknown): boolean {
  return flagged(result, 'erased');
}

/**
 * How a flow tells the main menu the person has no hour to book with (the
 * carnet expired, or every hour is used): booking is not offered next, and
 * « pourquoi ? », « comment je fais ? » right after ask how to get more.
 */
export const NO_HOURS = { noHours: true } as const;

export function noHoursLeft(result: unknown): boolean {
  return flagged(result, 'noHours');
}

/** A flow that ends by starting another (« Réserver une séance » after a list of places). */
export interface ThenStart {
  then: { dialogId: string; options?: object };
}

export function thenStart(result: unknown): ThenStart['then'] | undefined {
  const then = typeof result === 'object' && result !== null ? (result as Partial<ThenStart>).then : undefined;
  return then && typeof then.dialogId === 'string' ? then : undefined;
}

export function saidGoodbye(result: unknown): boolean {
  return flagged(result, 'saidGoodbye');
}

/**
 * How a flow tells the main menu the person lives where no programme is
 * served here (Marseille): no booking nor sessions offered next, which they
 * cannot have, but a person to talk to and what the pass is.
 */
export const NOT_SERVED = { notServed: true } as const;

export function notServedHere(result: unknown): boolean {
  return flagged(result, 'notServed');
}

/**
 * How the « about » flow tells the main menu it explained the pass: to
 * someone not known here (no carnet proved, no phone or device linked),
 * whether they can have it is the next step offered, not booking.
 */
export const PASS_EXPLAINED = { passExplained: true } as const;

export function passExplained(result: unknown): boolean {
  return flagged(result, 'passExplained');
}

/** Whether a flow's result carries one of the marks above (`{ noHours: true }`…). */
function flagged(result: unknown, flag: string): boolean {
  return typeof result === 'object' && result !== null && (result as Record<string, unknown>)[flag] === true;
}
