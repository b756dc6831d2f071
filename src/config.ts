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
  /** Listen address; 0.0.0.0 in containers. */
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
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
  /** Seed the demo data on first start of an empty embedded store. */
  DEMO_DATA: z.preprocess(
    emptyToUndefined,
    z.enum(['auto', 'off'], { message: 'must be auto or off' }).default('auto'),
  ),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  ),
  NODE_ENV: z.preprocess(
    emptyToUndefined,
    z
      .enum(['development', 'production', 'test'], { message: 'must be development, production or test' })
      .default('development'),
  ),
});

export type Config = z.infer<typeof configSchema>;

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
      const shown = value === undefined || /password|secret|uri/i.test(name) ? '' : ` (got "${value}")`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const config = result.data;
  const crossProblems: string[] = [];
  if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType !== 'UserAssignedMSI') {
    crossProblems.push('MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (config.MicrosoftAppType === 'SingleTenant' && config.MicrosoftAppId && !config.MicrosoftAppTenantId) {
    crossProblems.push('MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
  }
  if (crossProblems.length > 0) throw new ConfigError(crossProblems);
  return config;
}

/** True when the bot accepts unsigned requests (local use, tests, load tools). */
export function isAnonymous(config: Config): boolean {
  return !config.MicrosoftAppId;
}
