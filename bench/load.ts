/**
 * Load through POST /api/messages with deliveryMode "expectReplies", driven
 * by autocannon (maintained, HDR-histogram latencies, keeps N connections
 * busy) from Node, against 127.0.0.1 only.
 *
 * Bot Framework conversations are stateful: two turns of one conversation
 * at once would race on its state (eTag). So every request borrows a
 * conversation from a pool and gives it back when the reply is in — at most
 * one turn per conversation in flight — and a scenario decides each
 * conversation's next text from the previous reply (a full booking).
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';

export interface Conversation {
  id: string;
  userId: string;
  /** Scenario's own progress (e.g. the booking step). */
  step: number;
  data?: Record<string, unknown>;
}

export function newConversation(data?: Record<string, unknown>): Conversation {
  return { id: randomUUID(), userId: `bench-${randomUUID()}`, step: 0, data };
}

export function activity(conversation: Conversation, text: string): string {
  return JSON.stringify({
    type: 'message',
    id: randomUUID(),
    text,
    channelId: 'webchat',
    from: { id: conversation.userId },
    recipient: { id: 'bot' },
    conversation: { id: conversation.id },
    deliveryMode: 'expectReplies',
  });
}

/** The replies' texts, joined by new lines. */
export function replyText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { activities?: { text?: string }[] };
    return (parsed.activities ?? []).map((a) => a.text ?? '').join('\n');
  } catch {
    return '';
  }
}

/** One turn outside the load (preparing conversations). */
export async function say(url: string, conversation: Conversation, text: string): Promise<string> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: activity(conversation, text),
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status} while preparing a conversation`);
  return replyText(body);
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export interface Scenario {
  /** Next conversation to use (borrowed until its reply is in); undefined: none left. */
  borrow(): Conversation | undefined;
  /** The text this conversation sends now. */
  text(conversation: Conversation): string;
  /** The reply arrived: advance the conversation and give it back (or retire it). */
  replied(conversation: Conversation, status: number, reply: string): void;
}

export interface LoadResult {
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  p50: number;
  p99: number;
  /** Mean latency, ms. */
  mean?: number;
  /** Non-2xx answers, socket errors and timeouts. */
  errors: number;
}

interface Context {
  conversation?: Conversation;
}

export async function load(
  url: string,
  scenario: Scenario,
  options: { connections: number; seconds?: number; amount?: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 10 }),
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request, context: Context) => {
          const conversation = scenario.borrow();
          if (!conversation) return undefined as never;
          context.conversation = conversation;
          return { ...request, body: activity(conversation, scenario.text(conversation)) };
        },
        onResponse: (status: number, body: string, context: Context) => {
          if (context.conversation) scenario.replied(context.conversation, status, replyText(body));
          context.conversation = undefined;
        },
      },
    ],
  });
  const turns = result.requests.total;
  return {
    turns,
    seconds: result.duration,
    turnsPerSecond: turns / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.mean,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** The same text again and again, over a pool of conversations (one turn in flight each). */
export function repeating(pool: Conversation[], text: string): Scenario {
  const free = [...pool];
  return {
    borrow: () => free.pop(),
    text: () => text,
    replied: (conversation) => void free.push(conversation),
  };
}

/** Each prepared conversation sends `text` once. */
export function once(pool: Conversation[], text: string): Scenario {
  const free = [...pool];
  return { borrow: () => free.pop(), text: () => text, replied: () => undefined };
}

/**
 * Runs a scenario to its end — until it has no conversation left to hand out
 * and none in flight — with `connections` turns in flight at most (fetch,
 * keep-alive). For a fixed amount of work (a number of whole booking
 * conversations) whatever the server's speed: a timed load on a slow server
 * ends before any conversation does, and measures the scenario's length.
 */
export async function loadToEnd(url: string, scenario: Scenario, options: { connections: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const began = performance.now();
  const worker = async () => {
    for (;;) {
      const conversation = scenario.borrow();
      if (!conversation) {
        if (inFlight === 0) return;
        // Another worker's reply may give a conversation back (or a fresh one): wait for it.
        await new Promise<void>((resolve) => {
          const previous = wake;
          wake = () => {
            previous?.();
            resolve();
          };
        });
        continue;
      }
      inFlight += 1;
      const sent = performance.now();
      let status: number;
      let reply = '';
      try {
        const response = await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: activity(conversation, scenario.text(conversation)),
          signal: AbortSignal.timeout(30_000),
        });
        status = response.status;
        reply = replyText(await response.text());
      } catch {
        status = 0;
      }
      latencies.push(performance.now() - sent);
      if (status !== 200) errors += 1;
      inFlight -= 1;
      scenario.replied(conversation, status, reply);
      const waiting = wake;
      wake = undefined;
      waiting?.();
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - began) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]) : 0);
  return {
    turns: latencies.length,
    seconds,
    turnsPerSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    mean: sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sorted.length),
    errors,
  };
}
