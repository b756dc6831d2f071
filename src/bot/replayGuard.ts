/**
 * Channels deliver an activity again when they did not see our answer in
 * time (same activity id). A replay must have no second effect: the first
 * delivery claims the activity's id in the store (an atomic insert, so two
 * processes or two concurrent deliveries cannot both win), and a replay
 * does not run the bot again.
 *
 * The replay gets the first delivery's replies when this process still
 * holds them (a short in-memory cache); otherwise nothing. The store keeps
 * only a hash of channel, conversation and activity id — never the replies,
 * which may hold personal data that erasure could not find under that key.
 *
 * A claim whose turn never finished (the process died mid-turn) is taken
 * over after STALE_MS, so a crash does not swallow the person's message.
 * On a store only one process can open (the embedded store locks its
 * folder), a claim left unfinished by an earlier run of the process is
 * known dead and taken over at once: the channel's retry a few seconds
 * after a crash and restart runs the turn.
 *
 * Claims are kept under a key with their UTC day; a redelivery is looked up
 * under today's and yesterday's (channels retry within minutes), and days
 * older than KEEP_DAYS are deleted at most once an hour, by whichever turn
 * passes then: the collection does not grow with every message.
 */
import type { Activity, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import { createHash, randomUUID } from 'node:crypto';
import type { StateDocumentRepository } from '../store/repositories';

/** The prefix of the claim documents in the bot-state collection. */
export const REPLAY_KEY_PREFIX = 'replay-guard/';
const STALE_MS = 2 * 60 * 1000;
const CACHE_MS = 10 * 60 * 1000;
const CACHE_MAX = 5_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const KEEP_DAYS = 2;
/** How far back a purge looks; claims of a store left unused for longer than this stay until deleted by hand. */
const PURGE_WINDOW_DAYS = 30;
const PURGE_EVERY_MS = 60 * 60 * 1000;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Claim {
  at: number;
  done: boolean;
  /** Which run of which process made the claim (absent on claims written before it was recorded). */
  run?: string;
}

/** This run of the process: a claim with another run's mark was made before a restart (or by another instance). */
const THIS_RUN = randomUUID();

/** Fields of a reply that do not describe its recipient or its own identity. */
function reusable(activity: Partial<Activity>): Partial<Activity> {
  const { id: _id, timestamp: _t, localTimestamp: _l, replyToId: _r, conversation: _c, from: _f, recipient: _p, serviceUrl: _s, channelId: _ch, ...rest } =
    activity;
  return rest;
}

export class ReplayGuardMiddleware implements Middleware {
  private readonly replies = new Map<string, { at: number; activities: Partial<Activity>[] }>();

  constructor(
    private readonly documents: StateDocumentRepository,
    private readonly now: () => number = Date.now,
    /** Only this process can write to the store (embedded): another run's unfinished claim is dead. */
    private readonly singleProcess = false,
    private readonly run: string = THIS_RUN,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, channelId, conversation } = context.activity;
    if (!id || !channelId || !conversation?.id) return next();
    const hash = createHash('sha256').update(`${channelId}\u0000${conversation.id}\u0000${id}`).digest('hex');
    const now = this.now();
    const key = `${REPLAY_KEY_PREFIX}${dayOf(now)}/${hash}`;
    this.purgeNowAndThen(now);

    const [yesterday] = await this.documents.read([`${REPLAY_KEY_PREFIX}${dayOf(now - DAY_MS)}/${hash}`]);
    const eTag = yesterday ? undefined : await this.claim(key);
    if (!eTag) {
      const cached = this.replies.get(hash);
      if (cached) await context.sendActivities(cached.activities.map((a) => ({ ...a })));
      return;
    }

    const sent: Partial<Activity>[] = [];
    context.onSendActivities(async (_ctx, activities, nextSend): Promise<ResourceResponse[]> => {
      for (const activity of activities) sent.push(reusable(activity));
      return nextSend();
    });
    try {
      await next();
    } catch (error) {
      // The turn failed and said so: a redelivery should run it again.
      await this.documents.delete([key]).catch(() => undefined);
      throw error;
    }
    this.remember(hash, sent);
    await this.documents.replaceIfMatch(
      { key, json: JSON.stringify({ at: this.now(), done: true, run: this.run } satisfies Claim), eTag: randomUUID() },
      eTag,
    );
  }

  /** The claim's eTag when this delivery is the one to run; undefined for a replay. */
  private async claim(key: string): Promise<string | undefined> {
    const eTag = randomUUID();
    const json = JSON.stringify({ at: this.now(), done: false, run: this.run } satisfies Claim);
    if (await this.documents.insert({ key, json, eTag })) return eTag;
    const [existing] = await this.documents.read([key]);
    if (!existing) return (await this.documents.insert({ key, json, eTag })) ? eTag : undefined;
    const claim = JSON.parse(existing.json) as Claim;
    const deadRun = this.singleProcess && claim.run !== this.run;
    if (claim.done || (!deadRun && this.now() - claim.at < STALE_MS)) return undefined;
    // An unfinished turn of a dead run, or long ago: its process died. Take it over (one winner).
    return (await this.documents.replaceIfMatch({ key, json, eTag }, existing.eTag)) ? eTag : undefined;
  }

  private lastPurge = 0;

  /** Deletes the claims of days past KEEP_DAYS; never fails a turn. */
  private purgeNowAndThen(now: number): void {
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    void (async () => {
      for (let days = KEEP_DAYS; days <= PURGE_WINDOW_DAYS; days += 1) {
        await this.documents.deleteByPrefix(`${REPLAY_KEY_PREFIX}${dayOf(now - days * DAY_MS)}/`);
      }
    })().catch(() => undefined);
  }

  private remember(key: string, activities: Partial<Activity>[]): void {
    const now = this.now();
    for (const [old, entry] of this.replies) {
      if (this.replies.size < CACHE_MAX && now - entry.at < CACHE_MS) break;
      this.replies.delete(old);
    }
    this.replies.set(key, { at: now, activities });
  }
}
