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
  'token',
  'secret',
  'MONGODB_URI',
];

/** Whatever a library hands over as a request: its method and path, never its headers, query or body. */
function requestSummary(req: unknown): unknown {
  const r = req as { method?: unknown; url?: unknown } | undefined;
  const url = typeof r?.url === 'string' ? r.url.split('?')[0] : undefined;
  return { method: typeof r?.method === 'string' ? r.method : undefined, path: url };
}

/** `destination`: where the JSON lines go (stdout by default; tests read them from a stream). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'pass-numerique' },
    // A raw Error or request passed by mistake (or by a library) is reduced before it is written.
    serializers: { err: (e: unknown) => (e instanceof Error ? describeError(e) : e), req: requestSummary, res: () => undefined },
    redact: {
      paths: [...REDACTED_FIELDS, ...REDACTED_FIELDS.map((f) => `*.${f}`)],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * The logger handed to a library (restify): its lines carry the library's
 * name, and the fields it is known to fill with whole objects (a returned
 * value, a request, an error) are reduced.
 */
export function libraryLogger(logger: Logger, component: string): Logger {
  return logger.child(
    { component },
    { serializers: { value: () => '[dropped]', req: requestSummary, err: (e: unknown) => describeError(e) } },
  );
}

/**
 * Libraries (botbuilder, botframework-connector) print to the console:
 * stack traces of rejected tokens, whole errors. In the process, every
 * console call becomes one log line through the redacting logger, with the
 * class and stack frames of an error it was given and nothing of its text.
 */
export function routeConsoleToLogger(logger: Logger): void {
  const log =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const error = args.find((a) => a instanceof Error);
      logger[level]({ component: 'console', err: error ? describeError(error) : undefined }, 'library console output (text left out)');
    };
  console.log = log('info');
  console.info = log('info');
  console.debug = log('debug');
  console.trace = log('debug');
  console.warn = log('warn');
  console.error = log('error');
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
