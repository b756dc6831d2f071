/**
 * SIGTERM / SIGINT: stop accepting connections, let the turns in flight
 * finish (Node's server.close waits for them), close the store, exit 0.
 * A turn stuck longer than the grace period is abandoned: exit 1.
 */
import type { Server } from 'restify';
import type { Logger } from './logger';
import type { Stores } from './store/repositories';

const GRACE_MS = 10_000;

export function installShutdown({ server, stores, logger }: { server: Server; stores: Stores; logger: Logger }): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: no new connections, finishing turns in flight');
    const force = setTimeout(() => {
      logger.error({ graceMs: GRACE_MS }, 'turns still running after the grace period: exiting');
      process.exit(1);
    }, GRACE_MS);
    force.unref();
    server.close(() => {
      stores
        .close()
        .then(() => {
          logger.info('stopped cleanly');
          process.exit(0);
        })
        .catch(() => {
          logger.error('store did not close cleanly');
          process.exit(1);
        });
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
