/**
 * How a flow tells the main menu it ended with a goodbye (« C'est bon,
 * merci » after a list of places): the goodbye was said, and the menu is
 * not shown again after it. The next message starts afresh.
 */
export const SAID_GOODBYE = { saidGoodbye: true } as const;

export function saidGoodbye(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { saidGoodbye?: unknown }).saidGoodbye === true;
}
