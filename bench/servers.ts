/**
 * The bench's server processes (bench/echoBot.ts, bench/appServer.ts),
 * forked and driven over IPC, shared by `npm run bench`, the profiler and
 * the ablation.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { V8_FLAGS } from '../src/v8Tuning';
import { benchVoucherBookNumber } from './benchIdentity';
import { type Conversation, inParallel, newConversation, say } from './load';

export interface Running {
  url: string;
  /** Slots in the store it opened. */
  slots: number;
  child: ChildProcess;
  request<T>(message: object, key: string): Promise<T>;
  stop(): Promise<void>;
}

/** Forks a bench server and waits for its port; `execArgv` adds Node flags (e.g. --cpu-prof). */
export async function start(script: string, env: Record<string, string> = {}, execArgv: string[] = []): Promise<Running> {
  // An absolute path runs another build's server (bench/roundTrips.ts --app=…: before and after a change, together).
  const child = fork(resolve(__dirname, script), [], {
    env: { ...process.env, ...env },
    // The V8 flags of npm start (BENCH_V8_DEFAULTS=1: without them); BENCH_NODE_FLAGS: more to try on every server of a run.
    execArgv: [
      '--disable-warning=DEP0111',
      '--expose-gc',
      ...(process.env.BENCH_V8_DEFAULTS === '1' ? [] : V8_FLAGS),
      ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      ...execArgv,
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port, slots } = await new Promise<{ port: number; slots: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening`)));
    child.on(
      'message',
      (message: { port?: number; slots?: number }) => message.port && resolve({ port: message.port, slots: message.slots ?? 0 }),
    );
  });
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    slots,
    child,
    request: <T>(message: object, key: string) =>
      new Promise<T>((resolve) => {
        const listener = (answer: Record<string, unknown>) => {
          if (!(key in answer)) return;
          child.off('message', listener);
          resolve(answer[key] as T);
        };
        child.on('message', listener);
        child.send(message);
      }),
    stop: async () => {
      child.disconnect();
      await exit;
    },
  };
}

/** `count` new conversations, each having said `opening`, `concurrency` at a time. */
export async function conversations(url: string, count: number, opening: string[], concurrency: number): Promise<Conversation[]> {
  const made = Array.from({ length: count }, () => newConversation());
  await inParallel(made, concurrency, async (conversation) => {
    for (const text of opening) await say(url, conversation, text);
  });
  return made;
}

/** Conversations identified and standing at the slot question (theme "1", place "1"), for the benchmark voucher books from `firstVoucherBook`. */
export async function atSlotPrompt(url: string, count: number, firstVoucherBook: number, concurrency: number): Promise<Conversation[]> {
  const made = Array.from({ length: count }, (_, i) =>
    newConversation({ voucherBookNumber: benchVoucherBookNumber(firstVoucherBook + i) }),
  );
  const ready: Conversation[] = [];
  await inParallel(made, concurrency, async (conversation) => {
    let reply = '';
    for (const text of ['bonjour', '5', String(conversation.data!.voucherBookNumber), '01/01/1950'])
      reply = await say(url, conversation, text);
    for (let i = 0; i < 3 && !/Quel moment vous convient/.test(reply); i += 1) reply = await say(url, conversation, '1');
    if (/Quel moment vous convient/.test(reply)) ready.push(conversation);
  });
  return ready;
}
