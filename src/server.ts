/**
 * HTTP: /api/messages (Bot Framework), /healthz, /readyz. Built on
 * restify 11 (restify 12 needs Node 22).
 *
 * Requests are checked before they reach the adapter, so that malformed
 * input gets a 4xx and touches nothing: bodies are JSON only, size- and
 * depth-limited, read in memory (http/jsonBody.ts), and must look like an
 * activity. No `Server` header (it only helps someone looking for a known
 * flaw), and restify's own log lines go through our logger, reduced to the
 * method and path (it would otherwise write whole requests, headers and all).
 */
import type { CloudAdapter } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import type { ActivityHandler } from 'botbuilder';
import { describeError, libraryLogger, type Logger } from './logger';
import { checkActivity } from './http/activityCheck';
import { jsonBody } from './http/jsonBody';
import { clientScope } from './http/clientScope';
import { rateLimit, type RateLimits } from './http/rateLimit';
import { setTurnOrigin } from './http/turnOrigin';
import { publicOrigin } from './http/webchat/requestOrigin';
import type { Counters } from './store/counterSpec';

export { MAX_BODY_BYTES } from './http/jsonBody';

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
  /** An app id is configured: an Authorization header reaching a turn was verified (see http/clientScope). */
  tokensVerified?: boolean;
}

export function createServer({ adapter, bot, readiness, logger, rateLimits, counters, tokensVerified = true }: ServerDeps): Server {
  const server = restify.createServer({ name: '', handleUncaughtExceptions: false, log: libraryLogger(logger, 'restify') as never });
  server.use(jsonBody(logger));
  // Over-eager clients are refused before anything runs; then the turn learns whose address it serves.
  if (rateLimits) server.use(rateLimit(rateLimits, counters, logger));
  server.use(clientScope({ tokensVerified }));

  // restify's own errors (bad JSON, body too large, unsupported type): answer briefly, log the code only.
  // A handler that failed (5xx): restify would answer with the error's message, which may quote input.
  server.on(
    'restifyError',
    (req: Request, res: Response, err: { statusCode?: number; name?: string; toJSON?: () => unknown }, callback: () => void) => {
      const status = err.statusCode ?? 500;
      if (status >= 500) {
        logger.error({ status, err: describeError(err), path: req.path() }, 'request failed');
        // restify then sends this error itself (it wraps one without a status, message and all).
        err.statusCode = status;
        err.toJSON = () => ({ error: 'internal_error' });
      } else {
        logger.info({ status, error: err.name, path: req.path() }, 'request refused');
      }
      callback();
    },
  );

  server.post('/api/messages', async (req: Request, res: Response) => {
    const signed = Boolean(req.header('authorization'));
    const problem = checkActivity(req.body, req.contentType(), { signed });
    if (problem) {
      res.send(400, { error: 'bad_request', reason: problem });
      return;
    }
    const answer = new CapturedAnswer();
    try {
      await adapter.process(req, answer as unknown as Response, (context) => {
        setTurnOrigin(context, publicOrigin(req));
        return bot.run(context);
      });
    } catch (error) {
      logger.error({ err: describeError(error) }, 'activity processing failed');
      answer.status(500);
    }
    if (res.headersSent) return;
    // The adapter's own error bodies quote its internals (« Invalid AppId passed on token: … », key endorsements).
    if (answer.code === 401) res.send(401, { error: 'unauthorized' });
    else if (answer.code >= 500) res.send(answer.code, { error: 'internal_error' });
    else if (answer.body === undefined) res.send(answer.code);
    else res.send(answer.code, answer.body);
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

/** What the adapter answers, held back so that this server writes the response (the adapter's error bodies leak internals). */
class CapturedAnswer {
  code = 200;
  body: unknown;
  status(code: number): void {
    this.code = code;
  }
  header(): void {}
  send(body: unknown): void {
    this.body = body;
  }
  end(): void {}
}
