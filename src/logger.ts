/**
 * Structured logs (pino: fast, JSON, well kept). Logs carry ids, counts and
 * outcomes only — never names, phone numbers, birth dates or message texts.
 * The redaction list is a safety net for a field that slips in by mistake,
 * not a licence to log personal data.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

const REDACTED_FIELDS = [
  'text',
  'phone',
  'firstName',
  'lastName',
  'name',
  'birthDate',
  'password',
  'MicrosoftAppPassword',
  'authorization',
  'MONGODB_URI',
];

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'pass-numerique' },
    redact: {
      paths: [...REDACTED_FIELDS, ...REDACTED_FIELDS.map((f) => `*.${f}`)],
      censor: '[redacted]',
    },
  });
}

/** A logger that writes nothing, for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
