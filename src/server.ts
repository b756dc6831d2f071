/**
 * HTTP: /api/messages (Bot Framework), /healthz, /readyz. Built on
 * restify 11 (restify 12 needs Node 22).
 *
 * Requests are checked before they reach the adapter, so that malformed
 * input gets a 4xx and touches nothing: bodies are size-limited, must be
 * JSON objects, and must look like an activity.
 */
import type { CloudAdapter } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import type { ActivityHandler } from 'botbuilder';
import { describeError, type Logger } from './logger';
import { checkActivity } from './http/activityCheck';
import { clientScope } from './http/clientScope';
import { rateLimit, type RateLimits } from './http/rateLimit';
import type { Counters } from './store/counterSpec';

/** Large enough for any real activity (cards, attachments' metadata), small enough to refuse abuse. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface Readiness {
  /** Resolves true when the store answers and language models are warm. */
  isReady(): Promise<{ ready: boolean; checks: Record<string, boolean> }>;
}

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  readiness: Readiness;
  logger: Logger;
  /** Per address and per conversation; none when absent (tests, load tools). */
  rateLimits?: RateLimits;
  /** Where the rate limits count: the store's counters. */
  counters: Counters;
}

export function createServer({ adapter, bot, readiness, logger, rateLimits, counters }: ServerDeps): Server {
  const server = restify.createServer({ name: 'pass-numerique', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));
  // Over-eager clients are refused before anything runs; then the turn learns whose address it serves.
  if (rateLimits) server.use(rateLimit(rateLimits, counters, logger));
  server.use(clientScope());

  // restify's own errors (bad JSON, body too large, unsupported type): answer briefly, log the code only.
  server.on('restifyError', (req: Request, res: Response, err: { statusCode?: number; name?: string }, callback: () => void) => {
    logger.info({ status: err.statusCode, error: err.name, path: req.path() }, 'request refused');
    callback();
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    const problem = checkActivity(req.body, req.contentType());
    if (problem) {
      res.send(400, { error: 'bad_request', reason: problem });
      return;
    }
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (error) {
      logger.error({ err: describeError(error) }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'internal_error' });
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const { ready, checks } = await readiness.isReady();
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', checks });
  });

  return server;
}
