/**
 * Structured logs (pino: fast, JSON, well kept). Logs carry ids, counts and
 * outcomes only — never names, phone numbers, birth dates or message texts.
 * The redaction list is a safety net for a field that slips in by mistake,
 * not a licence to log personal data.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

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

/** `destination`: where the JSON lines go (stdout by default; tests read them from a stream). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'pass-numerique' },
    redact: {
      paths: [...REDACTED_FIELDS, ...REDACTED_FIELDS.map((f) => `*.${f}`)],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that writes nothing, for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
