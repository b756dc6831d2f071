/**
 * The bot as an operator runs it (`node dist/src/index.js`, see
 * test/support/botProcess.ts), started, killed with SIGKILL and started
 * again on the same data and port; and conversations with it over
 * /api/messages (deliveryMode expectReplies: the HTTP answer carries the
 * replies, sent once the turn — and its state — is done).
 */
import type { Activity } from 'botbuilder';
import { randomInt, randomUUID } from 'node:crypto';
import { type BotProcess, readyWithin, runBot } from '../support/botProcess';
import { activityText } from '../support/teamsChat';

/** Generous: the language models load at start (a few seconds on a busy machine). */
const READY_TIMEOUT_MS = 60_000;
/** A turn that hangs this long fails the test instead of the whole run. */
const TURN_TIMEOUT_MS = 30_000;

export interface BotLife {
  readonly url: string;
  /** SIGKILL; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (clean stop); resolves with the exit code. */
  stop(): Promise<number | null>;
  output(): string;
}

/**
 * Starts the bot on `port` with `env` (the store's settings) and resolves
 * once /readyz says ready. No rate limits: one test client speaks for many people.
 */
export async function startBotLife(port: number, env: Record<string, string>): Promise<BotLife> {
  const url = `http://127.0.0.1:${port}`;
  const proc: BotProcess = runBot({
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_ADDRESS: '0',
    RATE_LIMIT_PER_CONVERSATION: '0',
    ...env,
  });
  let exited = false;
  void proc.exit.then(() => (exited = true));
  const ready = await Promise.race([readyWithin(url, READY_TIMEOUT_MS), proc.exit.then(() => undefined)]);
  if (ready === undefined) {
    if (!exited) proc.child.kill('SIGKILL');
    throw new Error(`the bot did not get ready:\n${proc.output().slice(-3000)}`);
  }
  return {
    url,
    output: proc.output,
    kill: async () => {
      if (!exited) proc.child.kill('SIGKILL');
      await proc.exit;
    },
    stop: async () => {
      if (!exited) proc.child.kill('SIGTERM');
      return proc.exit;
    },
  };
}

/** A turn's fate: the replies, or no answer (the connection dropped: the server died mid-turn). */
export type TurnResult = { answered: true; text: string } | { answered: false; error: string };

export interface ProcessChat {
  readonly conversationId: string;
  /** The sender's channel id (a phone number on SMS). */
  readonly userId: string;
  /** Sends one message with a fresh activity id (or `id`: the channel's retry of an earlier one); never throws for a dropped connection. */
  send(text: string, id?: string): Promise<TurnResult>;
  /** Sends one message and returns the replies' text; throws when there is no answer. */
  say(text: string, id?: string): Promise<string>;
}

/**
 * A conversation with whichever bot life is current (`url()` is read at each
 * message). SMS: a random mobile number that is on no file. Teams: the
 * professional's Entra object id and tenant, as Teams sends them.
 */
export function processChat(
  url: () => string,
  who: { channelId: 'sms' } | { channelId: 'msteams'; aadObjectId: string; tenantId: string },
): ProcessChat {
  const conversationId = randomUUID();
  const from =
    who.channelId === 'sms' ? { id: `+336${String(randomInt(1e7, 1e8))}` } : { id: `29:${randomUUID()}`, aadObjectId: who.aadObjectId };
  const teams = who.channelId === 'msteams' ? { tenantId: who.tenantId } : {};
  const send = async (text: string, id: string = randomUUID()): Promise<TurnResult> => {
    let response: Response;
    try {
      response = await fetch(`${url()}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id,
          text,
          channelId: who.channelId,
          from,
          recipient: { id: 'bot' },
          conversation: { id: conversationId, ...teams },
          ...(who.channelId === 'msteams' ? { channelData: { tenant: { id: who.tenantId } } } : {}),
          deliveryMode: 'expectReplies',
        }),
        signal: AbortSignal.timeout(TURN_TIMEOUT_MS),
      });
    } catch (error) {
      return { answered: false, error: (error as Error).message };
    }
    let body: string;
    try {
      body = await response.text();
    } catch (error) {
      return { answered: false, error: (error as Error).message };
    }
    if (response.status !== 200) throw new Error(`the bot answered HTTP ${response.status}: ${body.slice(0, 300)}`);
    const activities = (JSON.parse(body) as { activities: Partial<Activity>[] }).activities;
    return { answered: true, text: activities.map(activityText).join('\n') };
  };
  return {
    conversationId,
    userId: from.id,
    send,
    say: async (text, id) => {
      const result = await send(text, id);
      if (!result.answered) throw new Error(`no answer to « ${text} »: ${result.error}`);
      return result.text;
    },
  };
}
