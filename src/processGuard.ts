/**
 * Last line of defence for the process. Every handler catches its own
 * errors (HTTP routes through restify, the WebSocket upgrade, timers); what
 * still escapes is logged through the redacting logger — class and stack
 * frames, never a message — instead of Node's plain-text trace.
 *
 * An uncaught exception leaves the process in an unknown state: it exits
 * with code 1 and its supervisor starts it again (README, « Faire tourner
 * en production »: systemd `Restart=always`, container `restart:
 * unless-stopped`). A rejected promise nobody awaited is logged and the
 * process goes on: the request it belonged to has already been answered.
 */
import { describeError, type Logger, routeConsoleToLogger } from './logger';

export function guardProcess(logger: Logger): void {
  routeConsoleToLogger(logger);
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: describeError(error) }, 'uncaught exception: exiting, the supervisor restarts the process');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: describeError(reason) }, 'unhandled promise rejection');
  });
}
