/**
 * Wires the bot around already-opened stores: adapter, state, dialogs,
 * HTTP server. index.ts (the process) and the HTTP tests share this, so
 * tests run the same code as production, only on an in-memory store.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, UserState } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { Server } from 'restify';
import { MainDialog } from '../dialogs/MainDialog';
import { ProfessionalDialog } from '../dialogs/pro/ProfessionalDialog';
import { ProfessionalGate } from './bot/professionalGate';
import { createProServices } from './services/pro/proServices';
import { NotConfiguredSms } from './services/pro/sms';
import { hoursPerBook } from './domain/programme';
import { FrenchLocaleMiddleware } from './bot/frenchLocale';
import { ProgrammeTurnMiddleware } from './bot/programmeTurn';
import { SharedDialogMemoryMiddleware } from './bot/dialogMemory';
import { ReplayGuardMiddleware } from './bot/replayGuard';
import { TurnLogMiddleware } from './bot/turnLog';
import { currentClientAddress } from './http/clientScope';
import { TeamsSubmitMiddleware } from './bot/teamsSubmit';
import { registerFiguresCsvRoute } from './http/figuresCsvRoute';
import { FailClosedAuthentication } from './http/failClosedAuth';
import { PassBot, welcomedByHelp } from './bot/PassBot';
import { createAccessors } from './bot/state';
import { createTurnErrorHandler } from './bot/turnErrorHandler';
import { SmsKeywordsMiddleware } from './bot/smsKeywords';
import { AdapterSender } from './bot/proactive/adapterSender';
import { SmsTurnMiddleware } from './channels/sms/smsTurn';
import { OptOutAwareSms } from './channels/sms/optOutSms';
import type { SmsSender } from './services/pro/sms';
import { answerNearMe } from '../dialogs/nearMe';
import { registerWebChat, type WebChat } from './http/webchat/register';
import { webChatSettings, type WebChatSettings } from './http/webchat/settings';
import type { Config } from './config';
import { type Clock, systemClock } from './domain/clock';
import type { Programme } from './domain/programme';
import { french } from './i18n';
import type { Logger } from './logger';
import { ReadinessState } from './readiness';
import { createServer } from './server';
import type { RateLimits } from './http/rateLimit';
import { createServices, type Services } from './services/services';
import { createReminders, type Reminders } from './services/reminders';
import { ContactWithdrawMiddleware } from './bot/contactWithdraw';
import { ReminderReplyMiddleware } from './bot/reminderReply';
import { awaitRating, FeedbackAnswerMiddleware } from './bot/feedbackAnswer';
import type { CommuneIndex } from './domain/communes';
import { BotStateStorage } from './store/botStateStorage';
import { rememberZoneOffsets } from './domain/zoneOffsets';
import type { Stores } from './store/repositories';

export interface App {
  server: Server;
  adapter: CloudAdapter;
  readiness: ReadinessState;
  services: Services;
  webChat: WebChat;
  /** Proactive messages; the process (index.ts) starts their scheduler. */
  reminders: Reminders;
}

export type AuthSettings = Pick<Config, 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId'>;

export function createApp(options: {
  auth: AuthSettings;
  stores: Stores;
  programmes: Programme[];
  communes: CommuneIndex;
  logger: Logger;
  /** Requests per minute per address and per conversation; none when absent (tests, load tools). */
  rateLimits?: RateLimits;
  /** Outbound SMS (Twilio when configured: src/channels/sms/twilioSender.ts); not configured by default. */
  sms?: SmsSender;
  /** The Web Chat page's settings; by default derived from `auth` (local Direct Line without an app id). */
  webChat?: WebChatSettings;
  /** Where "now" comes from; the machine's clock unless a test or a demo sets another day. */
  clock?: Clock;
  /** Token checking; by default Bot Framework's, from `auth` (tests point it at a local key server). */
  authentication?: BotFrameworkAuthentication;
}): App {
  const { stores, programmes, logger } = options;
  // luxon asks Intl for Paris's offset on every DateTime: the largest cost of a date turn (domain/zoneOffsets.ts).
  rememberZoneOffsets();
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const t = french();
  const auth =
    options.authentication ??
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: options.auth.MicrosoftAppId ?? '',
      MicrosoftAppPassword: options.auth.MicrosoftAppPassword ?? '',
      MicrosoftAppType: options.auth.MicrosoftAppType,
      MicrosoftAppTenantId: options.auth.MicrosoftAppTenantId ?? '',
    });
  // Fails closed: a token that cannot be checked (keys unreachable) is a 401, not a 500.
  const adapter = new CloudAdapter(new FailClosedAuthentication(auth, logger));
  // First: a redelivered activity (same id) must not run anything again.
  adapter.use(new ReplayGuardMiddleware(stores.botState, () => clock.now().getTime(), stores.kind === 'embedded'));
  // One debug line per turn run (ids and counts only); a replay is not a turn.
  adapter.use(new TurnLogMiddleware(logger));
  adapter.use(new FrenchLocaleMiddleware());
  // One set of dialog memory scopes for every turn, instead of a set built per turn (bot/dialogMemory.ts).
  adapter.use(new SharedDialogMemoryMiddleware());
  // Before anything reads the text: a Teams button press becomes the words it says.
  adapter.use(new TeamsSubmitMiddleware());
  // SMS: the turn's replies packed into as few billed segments as they fit, sent at its end (inside the replay guard, which keeps what is sent).
  adapter.use(new SmsTurnMiddleware(logger));

  const storage = new BotStateStorage(stores.botState, now);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const state = createAccessors(conversationState, userState);
  adapter.onTurnError = createTurnErrorHandler(conversationState, t, logger);

  const services = createServices(stores, options.communes, clock);
  const retentionDays = (options.webChat ?? webChatSettings(options.auth)).retentionDays;
  const deps = { t, programmes, state, services, clientAddress: currentClientAddress, clock, conversationRetentionDays: retentionDays };
  const mainDialog = new MainDialog(deps);
  // Before anything speaks: every sentence of the turn names the person's programme as its data does.
  adapter.use(new ProgrammeTurnMiddleware(programmes, state));
  adapter.use(
    new SmsKeywordsMiddleware(services.contacts, t, now, async (context) => {
      await mainDialog.backToQuestion(context, state.dialogState);
      await welcomedByHelp(context, state);
    }),
  );
  const reminders = createReminders({
    stores,
    programmes,
    t,
    logger,
    slots: services.slots,
    sender: new AdapterSender(adapter, options.auth.MicrosoftAppId ?? '', t, awaitRating(state)),
    consent: services.contacts,
  });
  services.booking.onChange((change) => reminders.followUp.bookingChanged(change));
  adapter.use(new ContactWithdrawMiddleware(services.contacts, t, now));
  adapter.use(new FeedbackAnswerMiddleware(services.reminderAnswers, t, now, state));
  adapter.use(new ReminderReplyMiddleware(services.reminderAnswers, now));
  const only = programmes.length === 1 ? programmes[0] : undefined;
  // Professionals in Teams: their own root dialog and dialog state (dialogs/pro/).
  const pro = createProServices({
    stores,
    programmes,
    communes: options.communes,
    placeSearch: services.placeSearch,
    // STOP holds for what we send too.
    sms: new OptOutAwareSms(options.sms ?? new NotConfiguredSms(logger), (phone) => services.contacts.isSmsOptedOut('sms', phone)),
    clock,
    identityGuard: services.identityGuard,
    // The first SMS after a prescription: who writes, and how to answer (the numbers of the menu).
    smsText: (book, programme) =>
      t('pro:prescribe.sms_text', {
        name: programme.name,
        departement: programme.departement.name,
        book: programme.voucherBook.word,
        number: book.number,
        hours: hoursPerBook(programme),
      }),
  });
  pro.attendance.onRecorded((booking, now) => reminders.followUp.attendanceRecorded(booking, now));
  const professionals = new ProfessionalGate(
    pro.directory,
    new ProfessionalDialog({ ...deps, pro }),
    conversationState.createProperty('proDialogState'),
    t,
    services.contacts,
    now,
    programmes,
    conversationState.createProperty<boolean>('proAccessExplained'),
  );
  const bot = new PassBot(state, mainDialog, t, only && { name: only.name, departement: only.departement.name }, professionals);
  bot.onEvent(answerNearMe(deps));

  const readiness = new ReadinessState(stores);
  const server = createServer({
    adapter,
    bot,
    readiness,
    logger,
    rateLimits: options.rateLimits,
    counters: stores.counters,
    tokensVerified: Boolean(options.auth.MicrosoftAppId),
  });
  registerFiguresCsvRoute(server, pro.figuresLinks, t, clock);
  const webChat = registerWebChat(server, {
    adapter,
    bot,
    programmes,
    t,
    logger,
    settings: options.webChat ?? webChatSettings(options.auth),
  });
  return { server, adapter, readiness, services, webChat, reminders };
}
