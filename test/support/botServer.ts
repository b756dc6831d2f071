/**
 * Starts the real app (createApp: adapter, dialogs, restify) on a free
 * port over an in-memory embedded store, and talks to it the way tests and
 * load tools do: POST /api/messages with deliveryMode "expectReplies".
 */
import type { Activity } from 'botbuilder';
import { randomInt, randomUUID } from 'node:crypto';
import { createApp, type App } from '../../src/app';
import type { Clock } from '../../src/domain/clock';
import { testClock } from './clock';
import type { RateLimits } from '../../src/http/rateLimit';
import { communes } from '../../src/data/communes';
import type { WebChatSettings } from '../../src/http/webchat/settings';
import { loadProgrammes } from '../../src/data/programmes';
import { type Logger, silentLogger } from '../../src/logger';
import { seedDemo } from '../../src/services/demoSeed';
import type { DemoIdentities } from '../../src/data/demoIdentities';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';

export interface Conversation {
  /** Sends one message; resolves with the bot's replies. */
  say(text: string, extra?: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** Texts of the replies, for readable assertions. */
  texts(text: string, extra?: Partial<Activity>): Promise<string[]>;
}

export interface BotUnderTest {
  url: string;
  app: App;
  stores: Stores;
  /** The bot's clock (the test day unless `options.clock` chose another). */
  clock: Clock;
  /** A new conversation; `userId` defaults to a fresh id (a random mobile number on SMS). */
  conversation(channelId?: string, userId?: string): Conversation;
  post(body: unknown, contentType?: string): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startBot(
  options: {
    seed?: boolean;
    programmes?: string[];
    port?: number;
    webChat?: WebChatSettings;
    /** An embedded store on disk in this folder instead of memory (tests that read the raw datafiles). */
    dataDir?: string;
    /** A MongoDB-compatible server instead of the embedded store (FerretDB in tests). */
    mongodbUri?: string;
    /** Request rate limits, as the process sets them from its settings; none by default. */
    rateLimits?: RateLimits;
    /** The app's logger; silent by default (the log scan passes a real one writing to memory). */
    logger?: Logger;
    /** The bot's clock; by default the tests' day (test/support/clock.ts). */
    clock?: Clock;
    /** The demo's people to seed; by default data/demo/identities.json. */
    identities?: DemoIdentities;
  } = {},
): Promise<BotUnderTest> {
  const programmes = loadProgrammes(options.programmes ?? ['lozere', 'drome']);
  const clock = options.clock ?? testClock();
  const stores = await openStores(
    options.mongodbUri ? { mongodbUri: options.mongodbUri } : options.dataDir ? { dataDir: options.dataDir } : { inMemory: true },
  );
  for (const programme of programmes) await stores.programmes.upsert(programme);
  if (options.seed ?? true) await seedDemo(stores, { programmes, now: clock.now(), identities: options.identities });
  const app = createApp({
    auth: { MicrosoftAppType: 'MultiTenant' },
    stores,
    programmes,
    communes: communes(),
    logger: options.logger ?? silentLogger(),
    webChat: options.webChat,
    rateLimits: options.rateLimits,
    clock,
  });
  app.readiness.markModelsWarm();
  await new Promise<void>((resolve) => app.server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = app.server.address();
  const url = `http://127.0.0.1:${port}`;

  const post = async (body: unknown, contentType = 'application/json') => {
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  const conversation = (channelId = 'webchat', fixedUserId?: string): Conversation => {
    const conversationId = randomUUID();
    // A fresh identity per conversation (a random mobile number on SMS), so that
    // a channel link made in one test never identifies another test's person.
    const userId = fixedUserId ?? (channelId === 'sms' ? `+336${String(randomInt(1e7, 1e8))}` : `user-${randomUUID()}`);
    const say = async (text: string, extra: Partial<Activity> = {}) => {
      const { status, body } = await post({
        type: 'message',
        id: randomUUID(),
        text,
        channelId,
        from: { id: userId },
        recipient: { id: 'bot' },
        conversation: { id: conversationId },
        deliveryMode: 'expectReplies',
        ...extra,
      });
      if (status !== 200) throw new Error(`bot answered HTTP ${status}`);
      return (body as { activities: Partial<Activity>[] }).activities;
    };
    return { say, texts: async (text, extra) => (await say(text, extra)).map((a) => a.text ?? '') };
  };

  return {
    url,
    app,
    stores,
    clock,
    conversation,
    post,
    close: async () => {
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      await stores.close();
    },
  };
}
