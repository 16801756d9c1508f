import type { FastifyInstance } from 'fastify';
import { closeStores, type Stores } from './stores/open-stores.js';

/** How long a shutdown may take before the process exits anyway (stuck connections, a wedged store). */
export const SHUTDOWN_GRACE_MS = 5000;

/**
 * The process policy (docs/reliability.md):
 * - SIGTERM/SIGINT: stop accepting, close idle connections, wait for in-flight requests and the
 *   job worker at most SHUTDOWN_GRACE_MS, then exit 0. A second signal exits at once.
 * - an unhandled promise rejection or uncaught exception: log it as fatal with its stack, then
 *   shut down the same way and exit 1. We do not continue: after an error nobody expected, the
 *   in-memory state (locks, caches, half-run handlers) can no longer be trusted, while everything
 *   that matters is durable and crash-safe, so a supervisor's restart is the safe recovery.
 */
export function installProcessPolicy(app: FastifyInstance, stores: Stores): void {
  let closing = false;
  const shutdown = async (reason: string, exitCode: number) => {
    if (closing) {
      app.log.warn({ reason }, 'second stop request; exiting now');
      process.exit(exitCode);
    }
    closing = true;
    app.log.info({ reason }, 'shutting down');
    const deadline = setTimeout(() => {
      app.log.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown did not finish in time; exiting');
      process.exit(exitCode);
    }, SHUTDOWN_GRACE_MS);
    try {
      // Connections stuck mid-request (a client that stopped sending) would hold close() open.
      app.server.closeIdleConnections();
      await app.close();
      await closeStores(stores);
    } catch (error) {
      app.log.error({ err: error }, 'error during shutdown');
    }
    clearTimeout(deadline);
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('unhandledRejection', (reason: unknown) => {
    app.log.fatal({ err: reason }, 'unhandled promise rejection; stopping (a supervisor should restart the server)');
    void shutdown('unhandledRejection', 1);
  });
  process.on('uncaughtException', (error: Error) => {
    app.log.fatal({ err: error }, 'uncaught exception; stopping (a supervisor should restart the server)');
    void shutdown('uncaughtException', 1);
  });
}
