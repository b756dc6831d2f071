/**
 * Channels deliver an activity again when they did not see our answer in
 * time (same activity id). A replay must have no second effect: the first
 * delivery claims the activity's id in the store (an atomic insert, so two
 * processes or two concurrent deliveries cannot both win), and a replay
 * does not run the bot again.
 *
 * The replay gets the first delivery's replies, read from the claim: the
 * finished turn stores them with it (services/replayRecords: hashed keys,
 * replies sealed under a key only that delivery gives, kept three hours,
 * erased with the conversation). A restart or another
 * instance answers a redelivery as the first process did; before, they
 * were held in this process's memory and a reply sent before a kill was
 * not sent again.
 *
 * A claim whose turn never finished (the process died mid-turn) is taken
 * over after STALE_MS, so a crash does not swallow the person's message.
 * On a store only one process can open (the embedded store locks its
 * folder), a claim left unfinished by an earlier run of the process is
 * known dead and taken over at once: the channel's retry a few seconds
 * after a crash and restart runs the turn.
 *
 * Claims are kept under a key with their UTC hour; a redelivery is looked
 * up under this hour's and the last one's (channels retry within minutes),
 * and hours older than KEEP_HOURS are deleted — one query on the keys — at
 * most once an hour, by whichever turn passes then: the collection holds
 * a few hours of messages, not days of them. Claims kept by day before
 * (today's, yesterday's) are still read in the first hour of a run; the
 * first purge, five minutes after the start, deletes them.
 */
import type { Activity, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { StateDocumentRepository } from '../store/repositories';
import {
  DAY_MS,
  dayOf,
  type Delivery,
  deliveryKeys,
  HOUR_MS,
  hourOf,
  openReplies,
  purgeOldReplayClaims,
  sealReplies,
} from '../services/replayRecords';

export { REPLAY_KEY_PREFIX } from '../services/replayRecords';
const STALE_MS = 2 * 60 * 1000;
/** Replies larger than this (as JSON) are not kept: the replay then sends nothing, as a lost answer. */
const MAX_KEPT_REPLIES_CHARS = 64 * 1024;
const PURGE_EVERY_MS = 60 * 60 * 1000;
/** Claims kept by day before an upgrade still answer the redeliveries of the first minutes. */
const FIRST_PURGE_AFTER_MS = 5 * 60 * 1000;
/**
 * How long a run still looks claims up under their day (the keys of the
 * version before): its first purge deletes them five minutes after the
 * start; an hour leaves a rolling upgrade time for the old instances to
 * stop. After that a look-up is one key (the last hour's), not five: on
 * FerretDB each key costs a scan of the collection (docs/performance.md).
 */
const READ_DAY_KEYS_MS = 60 * 60 * 1000;

interface Claim {
  at: number;
  done: boolean;
  /** Which run of which process made the claim (absent on claims written before it was recorded). */
  run?: string;
  /** What the finished turn sent, sealed (absent while it runs, on claims written before they were kept, and when too large). */
  replies?: string;
}

/** This run of the process: a claim with another run's mark was made before a restart (or by another instance). */
const THIS_RUN = randomUUID();

/** Fields of a reply that do not describe its recipient or its own identity. */
function reusable(activity: Partial<Activity>): Partial<Activity> {
  const {
    id: _id,
    timestamp: _t,
    localTimestamp: _l,
    replyToId: _r,
    conversation: _c,
    from: _f,
    recipient: _p,
    serviceUrl: _s,
    channelId: _ch,
    ...rest
  } = activity;
  return rest;
}

export class ReplayGuardMiddleware implements Middleware {
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
    const delivery: Delivery = { channelId, conversationId: conversation.id, activityId: id };
    const now = this.now();
    const [today, yesterday] = [dayOf(now), dayOf(now - DAY_MS)];
    const keys = deliveryKeys(delivery);
    const key = keys.claim(hourOf(now));
    this.purgeNowAndThen(now);

    this.readDayKeysUntil ??= now + READ_DAY_KEYS_MS;
    const [earlier] = await this.documents.read([
      keys.claim(hourOf(now - HOUR_MS)),
      // Where claims were kept before (by day, with and without the conversation level), in the first hour of a run.
      ...(now < this.readDayKeysUntil
        ? [keys.claim(today), keys.claim(yesterday), keys.earlierClaim(today), keys.earlierClaim(yesterday)]
        : []),
    ]);
    const claimed = earlier ? { replay: JSON.parse(earlier.json) as Claim } : await this.claim(key);
    if ('replay' in claimed) {
      // The first delivery's answer, from the store; nothing while it still runs elsewhere.
      const sealed = claimed.replay.done ? claimed.replay.replies : undefined;
      const replies = (sealed && openReplies<Partial<Activity>>(delivery, sealed)) || [];
      if (replies.length > 0) await context.sendActivities(replies.map((a) => ({ ...a })));
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
    const kept = JSON.stringify(sent).length <= MAX_KEPT_REPLIES_CHARS ? { replies: sealReplies(delivery, sent) } : {};
    // If the claim is gone (the turn erased the conversation's data), nothing is written back.
    await this.documents.replaceIfMatch(
      {
        key,
        json: JSON.stringify({ at: this.now(), done: true, run: this.run, ...kept } satisfies Claim),
        eTag: randomUUID(),
        writtenAt: new Date(this.now()),
      },
      claimed.eTag,
    );
  }

  /** The claim's eTag when this delivery is the one to run; the existing claim for a replay. */
  private async claim(key: string): Promise<{ eTag: string } | { replay: Claim }> {
    const eTag = randomUUID();
    const json = JSON.stringify({ at: this.now(), done: false, run: this.run } satisfies Claim);
    const doc = { key, json, eTag, writtenAt: new Date(this.now()) };
    if (await this.documents.insert(doc)) return { eTag };
    const [existing] = await this.documents.read([key]);
    if (!existing) return (await this.documents.insert(doc)) ? { eTag } : { replay: { at: this.now(), done: false } };
    const claim = JSON.parse(existing.json) as Claim;
    const deadRun = this.singleProcess && claim.run !== this.run;
    if (claim.done || (!deadRun && this.now() - claim.at < STALE_MS)) return { replay: claim };
    // An unfinished turn of a dead run, or long ago: its process died. Take it over (one winner).
    return (await this.documents.replaceIfMatch(doc, existing.eTag)) ? { eTag } : { replay: claim };
  }

  private lastPurge: number | undefined;
  private readDayKeysUntil: number | undefined;

  /** Deletes the claims of hours past KEEP_HOURS; never fails a turn. */
  private purgeNowAndThen(now: number): void {
    this.lastPurge ??= now - PURGE_EVERY_MS + FIRST_PURGE_AFTER_MS;
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    purgeOldReplayClaims(this.documents, now).catch(() => undefined);
  }
}
