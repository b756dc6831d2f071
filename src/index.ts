/**
 * The process: config → programmes → stores → demo data → bot → server.
 * The only module that knows which store implementation runs.
 */
import dotenv from 'dotenv';
import { createApp } from './app';
import { clockStartingAt, systemClock, type Clock } from './domain/clock';
import { type Config, ConfigError, demoDataWanted, parseConfig } from './config';
import { communes } from './data/communes';
import { loadProgrammes, ProgrammeConfigError } from './data/programmes';
import { describeError, createLogger, type Logger } from './logger';
import { warmLanguageModels } from './nlu/warmup';
import { seedDemo } from './services/demoSeed';
import { openStores } from './store/openStores';
import type { Stores } from './store/repositories';
import { installShutdown } from './shutdown';
import { guardProcess } from './processGuard';
import { webChatSettings } from './http/webchat/settings';
import { startReminderScheduler } from './services/reminders/scheduler';
import { checkLedgerAgainstBookings } from './services/ledgerCheck';
import { startRetentionPurge } from './services/retention';
import { registerOutboxTryRoute } from './http/outboxTryRoute';
import { TwilioSms } from './channels/sms/twilioSender';
import { missingV8Flags } from './v8Tuning';

/** A booking still pending after this long was interrupted (a turn takes well under a second). */
const SETTLE_AFTER_MS = 60_000;

/** Reads settings and presets, or exits 1 with one line per problem. */
function loadSettingsOrExit() {
  dotenv.config({ quiet: true });
  try {
    const config = parseConfig(process.env);
    return { config, programmes: loadProgrammes(config.PROGRAMMES) };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ProgrammeConfigError) {
      process.stderr.write(`Configuration invalide / invalid configuration:\n${error.problems.map((p) => `  ${p}\n`).join('')}`);
      process.exit(1);
    }
    throw error;
  }
}

async function prepareStore(config: Config, programmes: ReturnType<typeof loadProgrammes>, logger: Logger, clock: Clock): Promise<Stores> {
  const stores = await openStores({ mongodbUri: config.MONGODB_URI, dataDir: config.DATA_DIR });
  logger.info({ store: stores.kind }, 'store opened');
  for (const programme of programmes) await stores.programmes.upsert(programme);
  // Demo data only on the embedded store: a production MongoDB is filled by imports.
  if (stores.kind === 'embedded' && demoDataWanted(config)) {
    await seedDemo(stores, { programmes, now: clock.now(), logger });
  }
  return stores;
}

async function main(): Promise<void> {
  const started = Date.now();
  const { config, programmes } = loadSettingsOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  const missing = missingV8Flags();
  if (missing.length > 0)
    logger.warn({ missing }, 'started without the V8 flags of npm start: slower start, larger memory (src/v8Tuning.ts)');
  guardProcess(logger);
  const clock = config.CLOCK_START ? clockStartingAt(config.CLOCK_START) : systemClock;
  if (config.CLOCK_START) logger.warn({ clockStart: config.CLOCK_START }, 'clock moved by CLOCK_START');
  const now = () => clock.now();
  const stores = await prepareStore(config, programmes, logger, clock);
  const app = createApp({
    auth: config,
    stores,
    programmes,
    communes: communes(),
    logger,
    webChat: webChatSettings(config),
    clock,
    sms: twilioSms(config, logger),
    rateLimits: { perAddressPerMinute: config.RATE_LIMIT_PER_ADDRESS, perConversationPerMinute: config.RATE_LIMIT_PER_CONVERSATION },
  });
  // Bookings a stop left half-done are settled once they are older than any turn in flight,
  // so that with several instances one never undoes another's booking in progress.
  const settle = async (olderThanMs: number) => {
    const settled = await app.services.booking.settleInterrupted(clock.now(), olderThanMs);
    if (settled.undone + settled.cancelled > 0) logger.warn(settled, 'interrupted bookings settled');
  };
  // The embedded store has one process (its data-folder lock): at start-up nothing is in flight, so
  // settle at once — a booking a kill left pending would otherwise answer the person's « oui » sent
  // again with « vous avez déjà une séance » for a minute, and then be undone.
  await settle(stores.kind === 'embedded' ? 0 : SETTLE_AFTER_MS);
  // A booking lost from its datafile (or restored from an older copy) leaves ledger and bookings apart: say so.
  const mismatches = await checkLedgerAgainstBookings(
    stores,
    programmes.map((p) => p.id),
  );
  if (mismatches.length > 0) {
    app.readiness.markLedgerMismatch();
    logger.error({ mismatches: mismatches.length, first: mismatches.slice(0, 10) }, 'ledger and bookings disagree after loading');
  }
  setInterval(
    () => void settle(SETTLE_AFTER_MS).catch((error) => logger.error({ err: describeError(error) }, 'settling bookings failed')),
    SETTLE_AFTER_MS,
  ).unref();
  // Reminders, expiry alerts, after-session questions: sent from the persisted outbox (safe with several instances).
  startReminderScheduler({ dispatcher: app.reminders.dispatcher, planner: app.reminders.planner, logger, now });
  // Conversations are kept CONVERSATION_RETENTION_DAYS after their last message, as the notice says.
  startRetentionPurge({ stores, retentionDays: config.CONVERSATION_RETENTION_DAYS, logger, now });
  // Trying it locally: « npm run reminders:send -- <time> » sends what is due then (local Direct Line only).
  if (app.webChat.localDirectLine && config.NODE_ENV !== 'production')
    registerOutboxTryRoute(app.server, app.reminders.dispatcher, logger, now);

  app.server.listen(config.PORT, config.HOST, () => {
    logger.info({ port: config.PORT, programmes: programmes.map((p) => p.id), ms: Date.now() - started }, 'listening');
  });
  warmLanguageModels()
    .then(() => {
      app.readiness.markModelsWarm();
      logger.info({ ms: Date.now() - started }, 'ready');
    })
    .catch((error) => logger.error({ err: describeError(error) }, 'language models failed to load'));

  installShutdown({ server: app.server, stores, logger });
}

main().catch((error) => {
  process.stderr.write(
    `Fatal start-up error: ${error instanceof Error ? error.name : 'unknown'}: ${
      error instanceof Error ? error.message.split('\n')[0] : ''
    }\n`,
  );
  process.exit(1);
});

/** Outbound SMS when Twilio is configured (parseConfig checked the settings go together). */
function twilioSms(config: Config, logger: Logger): TwilioSms | undefined {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) return undefined;
  return new TwilioSms(
    {
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      from: config.TWILIO_FROM,
      messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
      baseUrl: config.TWILIO_BASE_URL,
    },
    logger,
  );
}
