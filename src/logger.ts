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

/**
 * Error type and stack frames only: the message may quote user input, and
 * a message over several lines runs on into the stack, so only the lines
 * that are frames ("    at …") are kept. `type`, not `name`: the logger
 * redacts every `name` field.
 */
export function describeError(error: unknown): { type: string; frames?: string } {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = error.stack
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 5)
    .join('\n');
  return { type: error.name, frames };
}
