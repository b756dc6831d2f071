/**
 * Every setting, read from the environment (and from `.env` when present)
 * and checked with zod. A bad value stops the process with one line per bad
 * variable — never a stack trace — so an operator sees at once what to fix.
 */
import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const optionalText = z.preprocess(emptyToUndefined, z.string().optional());

export const configSchema = z.object({
  PORT: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a port number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 65535')
      .max(65535, 'must be between 1 and 65535')
      .default(3978),
  ),
  /** Listen address; unset: 0.0.0.0 for a signed or production bot, 127.0.0.1 for an unsigned development one (see parseConfig). */
  HOST: z.preprocess(emptyToUndefined, z.string().optional()),
  MicrosoftAppType: z.preprocess(
    emptyToUndefined,
    z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        message: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
      })
      .default('MultiTenant'),
  ),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppTenantId: optionalText,
  /** Outbound SMS through Twilio's Messages API (README, « SMS »): all three, or none. */
  TWILIO_ACCOUNT_SID: optionalText,
  TWILIO_AUTH_TOKEN: optionalText,
  /** The sending number, E.164: the one Azure's SMS channel receives on, so replies come back into the conversation. */
  TWILIO_FROM: optionalText,
  /** Instead of TWILIO_FROM: a Messaging Service holding that number. */
  TWILIO_MESSAGING_SERVICE_SID: optionalText,
  /** Tests only: a local stand-in of the API instead of https://api.twilio.com. */
  TWILIO_BASE_URL: optionalText,
  MONGODB_URI: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.data')),
  PROGRAMMES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('lozere,drome')
      .transform((s) =>
        s
          .split(',')
          .map((id) => id.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[a-z0-9-]+$/, 'ids are lower-case letters, digits and dashes')).min(1)),
  ),
  /**
   * Seed the demo data on first start of an empty embedded store. Unset, it
   * is `auto` in development and `off` in production: published demo carnets,
   * birth dates and Teams ids must never open a production store unless asked.
   */
  DEMO_DATA: z.preprocess(emptyToUndefined, z.enum(['auto', 'off'], { message: 'must be auto or off' }).optional()),
  /** Azure Direct Line secret (production Web Chat); exchanged server-side for short-lived tokens. */
  DIRECTLINE_SECRET: optionalText,
  /** Direct Line endpoint (a regional one, or a stand-in in tests). */
  DIRECTLINE_ENDPOINT: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')
      .default('https://directline.botframework.com/v3/directline'),
  ),
  /** The programme whose identity the Web Chat page carries (default: every served programme). */
  WEBCHAT_PROGRAMME: optionalText,
  /** Accent colour of the Web Chat page; white text on it must reach 4.5:1 (RGAA). */
  WEBCHAT_ACCENT_COLOR: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1d4e89')
      .refine((hex) => contrastWithWhite(hex) >= 4.5, 'white text on it must reach a 4.5:1 contrast (RGAA)')
      .optional(),
  ),
  /** Logo of the département on the Web Chat page: an https URL or a path on this server. */
  WEBCHAT_LOGO_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(https:\/\/\S+|\/\S*)$/, 'must be an https URL or a path starting with /')
      .optional(),
  ),
  /** Days conversations are kept, as stated to people before they start chatting. */
  CONVERSATION_RETENTION_DAYS: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: 'must be a number of days' }).int('must be a whole number').min(1).max(3650).default(30),
  ),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  ),
  /** Requests per minute from one address to /api/messages and the Direct Line (0 = none). High: the Bot Framework connector's few addresses carry every channel. */
  RATE_LIMIT_PER_ADDRESS: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: 'must be a number of requests per minute' }).int('must be a whole number').min(0).default(600),
  ),
  /** Requests per minute in one conversation (0 = none): nobody types 30 messages a minute. */
  RATE_LIMIT_PER_CONVERSATION: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: 'must be a number of requests per minute' }).int('must be a whole number').min(0).default(30),
  ),
  /** Production without Bot Framework credentials only when asked for in so many words. */
  ALLOW_ANONYMOUS: z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
  ),
  /**
   * Runs the bot as if it were this moment (ISO date-time, e.g. 2026-12-31T17:30+01:00),
   * the clock then moving on normally: to try or demonstrate a Sunday, 31 December, a DST change.
   * Refused in production.
   */
  CLOCK_START: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((value) => !Number.isNaN(new Date(value).getTime()), 'must be an ISO date-time, e.g. 2026-12-31T17:30+01:00')
      .optional(),
  ),
  NODE_ENV: z.preprocess(
    emptyToUndefined,
    z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
  ),
});

export type Config = Omit<z.infer<typeof configSchema>, 'HOST'> & { HOST: string };

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Parses settings; throws ConfigError listing one line per bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'configuration');
      const value = env[name];
      // Never echo secrets back; other values help the operator.
      const shown = value === undefined || /password|secret|token|uri/i.test(name) ? '' : ` (got "${value}")`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  // An unsigned bot answers anyone who reaches it: in development, only this machine by default.
  const host = result.data.HOST ?? (!result.data.MicrosoftAppId && result.data.NODE_ENV !== 'production' ? '127.0.0.1' : '0.0.0.0');
  const config: Config = { ...result.data, HOST: host };
  const crossProblems: string[] = [];
  if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType !== 'UserAssignedMSI') {
    crossProblems.push('MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (config.TWILIO_ACCOUNT_SID && (!config.TWILIO_AUTH_TOKEN || !(config.TWILIO_FROM || config.TWILIO_MESSAGING_SERVICE_SID))) {
    crossProblems.push('TWILIO_ACCOUNT_SID: needs TWILIO_AUTH_TOKEN and TWILIO_FROM (or TWILIO_MESSAGING_SERVICE_SID)');
  }
  if (config.MicrosoftAppType === 'SingleTenant' && config.MicrosoftAppId && !config.MicrosoftAppTenantId) {
    crossProblems.push('MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
  }
  if (config.NODE_ENV === 'production' && !config.MicrosoftAppId && !config.ALLOW_ANONYMOUS) {
    // Anonymous mode accepts unsigned requests from anyone: never by omission in production.
    crossProblems.push(
      'MicrosoftAppId: required when NODE_ENV=production (or set ALLOW_ANONYMOUS=true to accept unsigned requests on purpose)',
    );
  }
  if (config.NODE_ENV === 'production' && config.CLOCK_START) {
    crossProblems.push('CLOCK_START: not allowed when NODE_ENV=production (it moves every date the bot decides on)');
  }
  if (config.WEBCHAT_PROGRAMME && !config.PROGRAMMES.includes(config.WEBCHAT_PROGRAMME)) {
    crossProblems.push(`WEBCHAT_PROGRAMME: must be one of PROGRAMMES (${config.PROGRAMMES.join(', ')})`);
  }
  if (crossProblems.length > 0) throw new ConfigError(crossProblems);
  return config;
}

/** True when the bot accepts unsigned requests (local use, tests, load tools). */
export function isAnonymous(config: Config): boolean {
  return !config.MicrosoftAppId;
}

/** WCAG contrast ratio of white text on a #rrggbb background. */
export function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

/** Whether the demo data may be seeded: asked for, or by default outside production (see DEMO_DATA). */
export function demoDataWanted(config: Pick<Config, 'DEMO_DATA' | 'NODE_ENV'>): boolean {
  return (config.DEMO_DATA ?? (config.NODE_ENV === 'production' ? 'off' : 'auto')) === 'auto';
}
