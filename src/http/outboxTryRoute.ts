/**
 * « Avancer l'horloge » for someone trying the assistant on their machine:
 * `POST /api/try/outbox` sends what the outbox holds due at a given time
 * (`{"at": "2026-12-03T09:00"}`, Paris time when no zone is given), as the
 * scheduler would at that minute — so a new user who books in the local
 * Web Chat sees the reminder arrive without waiting two days
 * (`npm run reminders:send -- 2026-12-03T09:00`).
 *
 * Registered only where nothing real can be disturbed: the local Direct
 * Line is served (no app id, no Azure secret) and NODE_ENV is not
 * production; and only answered to this machine. Messages are still sent
 * once each, under the same quiet hours, through the same dispatcher.
 */
import { DateTime } from 'luxon';
import type { Request, Response, Server } from 'restify';
import { isQuietTime, ZONE } from '../domain/outbox';
import type { Logger } from '../logger';
import type { OutboxDispatcher } from '../services/reminders/outboxDispatcher';
import { fromThisMachine } from './webchat/requestOrigin';

export const OUTBOX_TRY_PATH = '/api/try/outbox';

/** The moment asked for: an ISO date-time (Paris when it has no zone), or now. */
export function askedMoment(at: unknown, now: Date): Date | undefined {
  if (at === undefined || at === null || at === '') return now;
  if (typeof at !== 'string' || at.length > 40) return undefined;
  const parsed = DateTime.fromISO(at, { zone: ZONE, setZone: true });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

export function registerOutboxTryRoute(server: Server, dispatcher: OutboxDispatcher, logger: Logger, now: () => Date): void {
  server.post(OUTBOX_TRY_PATH, async (req: Request, res: Response) => {
    if (!fromThisMachine(req)) {
      res.send(403, { error: 'local_only' });
      return;
    }
    const at = askedMoment((req.body as { at?: unknown } | undefined)?.at, now());
    if (!at) {
      res.send(400, { error: 'bad_time', expected: 'ISO date-time, e.g. 2026-12-03T09:00' });
      return;
    }
    const report = await dispatcher.tick(at);
    logger.info({ at: at.toISOString(), ...report }, 'outbox run on request');
    // Quiet hours (20:00–8:00, Sundays, public holidays): nothing goes, and the answer says why.
    res.send(200, { at: at.toISOString(), quiet: isQuietTime(at), ...report });
  });
}
