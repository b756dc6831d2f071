/**
 * The network address of the client a turn came from, for limits that count
 * per address (identity checks). Carried by AsyncLocalStorage from the HTTP
 * handler into the turn, so it cannot be forged in the activity itself.
 *
 * Only addresses of people count: requests signed by the Bot Framework come
 * from Microsoft's connector, shared by every user of every channel, so
 * locking its address would lock everyone out. Those turns have no address.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'restify';

const scope = new AsyncLocalStorage<{ address?: string }>();

/** The socket's peer address: X-Forwarded-For is not trusted (anyone can send it). */
export function peerAddress(req: Request): string | undefined {
  return req.socket?.remoteAddress ?? undefined;
}

/**
 * restify handler, registered after the body parser: the rest of the request
 * runs in the scope. `tokensVerified`: an app id is configured, so a request
 * with an Authorization header reached the turn only with a valid token. In
 * anonymous mode nothing checks the header, so it counts as no header
 * (« Bearer nothing » skipped the per-address identity lock).
 */
export function clientScope(options: { tokensVerified: boolean }) {
  return (req: Request, _res: unknown, next: () => void) => {
    const signed = options.tokensVerified && Boolean(req.header('authorization')) && req.path() === '/api/messages';
    scope.run({ address: signed ? undefined : peerAddress(req) }, next);
  };
}

/** The address of the person behind the current turn, when it is theirs. */
export function currentClientAddress(): string | undefined {
  return scope.getStore()?.address;
}
