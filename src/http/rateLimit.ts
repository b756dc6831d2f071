/**
 * Request rate limits on the endpoints people (or scripts) can reach:
 * /api/messages and the local Direct Line. Per client address and per
 * conversation, over one minute, with the store's counters
 * (store/counters.ts: memory beside the embedded store, MongoDB beside
 * the Mongo store, so several instances share them). Over the limit:
 * 429 with Retry-After, before anything is read or written.
 *
 * Behind the Bot Framework, every channel's traffic comes from Microsoft's
 * connector addresses: the per-address limit is set high for that reason,
 * and the per-conversation one does the real work.
 */
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Request, Response } from 'restify';
import type { Logger } from '../logger';
import type { Counter, Counters } from '../store/counterSpec';
import { peerAddress } from './clientScope';
import { DIRECT_LINE_BASE } from './webchat/directLineRoutes';

export interface RateLimits {
  /** Requests per minute from one address; 0 = no limit. */
  perAddressPerMinute: number;
  /** Requests per minute in one conversation; 0 = no limit. */
  perConversationPerMinute: number;
}

const LIMITED_PREFIXES = ['/api/messages', DIRECT_LINE_BASE, '/api/directline', '/v3/conversations'];

function limiter(counters: Counters, points: number, name: string): Counter | undefined {
  return points > 0 ? counters({ name, points, durationSeconds: 60 }) : undefined;
}

/** The conversation a request is about, from the route or the activity; undefined when none. */
function conversationOf(req: Request): string | undefined {
  const fromRoute = (req.params as Record<string, unknown> | undefined)?.conversationId;
  if (typeof fromRoute === 'string') return `route:${fromRoute}`;
  const body = req.body as { channelId?: unknown; conversation?: { id?: unknown } } | undefined;
  const id = body?.conversation?.id;
  if (typeof id === 'string' && typeof body?.channelId === 'string') return `${body.channelId}:${id}`;
  return undefined;
}

export function rateLimit(limits: RateLimits, counters: Counters, logger: Logger) {
  const byAddress = limiter(counters, limits.perAddressPerMinute, 'http-address');
  const byConversation = limiter(counters, limits.perConversationPerMinute, 'http-conversation');
  const check = async (req: Request): Promise<{ limit: string; refusal: RateLimiterRes } | undefined> => {
    const conversation = conversationOf(req);
    const steps: [string, Counter | undefined, string | undefined][] = [
      ['address', byAddress, peerAddress(req) ?? 'unknown'],
      ['conversation', byConversation, conversation],
    ];
    for (const [limit, counter, key] of steps) {
      if (!counter || key === undefined) continue;
      try {
        await counter.consume(key);
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return { limit, refusal };
        throw refusal;
      }
    }
    return undefined;
  };
  // Not an async function: restify wants either `next` or a promise, not both.
  return (req: Request, res: Response, next: (err?: unknown) => void): void => {
    if (!LIMITED_PREFIXES.some((prefix) => req.path().startsWith(prefix))) return next();
    check(req).then(
      (over) => {
        if (!over) return next();
        logger.warn({ path: req.path(), limit: over.limit }, 'request rate limited');
        res.header('Retry-After', String(Math.max(1, Math.ceil(over.refusal.msBeforeNext / 1000))));
        res.send(429, { error: 'too_many_requests' });
        return next(false);
      },
      (error) => next(error),
    );
  };
}
