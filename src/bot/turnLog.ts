/**
 * One debug line per turn — channel, activity type, replies sent, time
 * taken, outcome — for operators following the traffic. Nothing a person
 * wrote or is: no text, no sender and no conversation id (on SMS both are
 * the phone number). Channel and type are written only when they are
 * known values, since a request can carry any string there.
 */
import { performance } from 'node:perf_hooks';
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger';

const KNOWN_CHANNELS = new Set(['sms', 'msteams', 'webchat', 'directline', 'emulator', 'test']);
const KNOWN_TYPES = new Set<string>(Object.values(ActivityTypes));

/** A channel id fit for a log line: a known one, else "other". */
export const loggedChannel = (channelId: string | undefined) => (channelId && KNOWN_CHANNELS.has(channelId) ? channelId : 'other');

/** An activity type fit for a log line: a Bot Framework one, else "other". */
export const loggedActivityType = (type: string | undefined) => (type && KNOWN_TYPES.has(type) ? type : 'other');

export class TurnLogMiddleware implements Middleware {
  constructor(private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (!this.logger.isLevelEnabled('debug')) return next();
    const started = performance.now();
    let replies = 0;
    context.onSendActivities(async (_context, activities, send) => {
      replies += activities.length;
      return send();
    });
    let outcome = 'error';
    try {
      await next();
      outcome = 'ok';
    } finally {
      this.logger.debug(
        {
          channel: loggedChannel(context.activity.channelId),
          activityType: loggedActivityType(context.activity.type),
          replies,
          ms: Math.round(performance.now() - started),
          outcome,
        },
        'turn',
      );
    }
  }
}
