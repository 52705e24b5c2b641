import { INestApplication, Logger } from '@nestjs/common';
import { errorMessage } from '@regsweep/errors';

/** How long a graceful stop may take before the process exits anyway (code 1). */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * SIGTERM / SIGINT → `app.close()`: running sweeps stop taking tasks, their in-flight tasks are aborted and they go
 * back to `queued` (the next start resumes them), then the worker pool, the database and the HTTP server close, and
 * the process exits 0. Used instead of Nest's enableShutdownHooks, which re-raises the signal after closing (the
 * process would end "killed by SIGTERM", not with 0). A second signal, or a close still running after `timeoutMs`,
 * exits 1 at once.
 */
export function closeOnSignals(app: INestApplication, timeoutMs = SHUTDOWN_TIMEOUT_MS): void {
  const logger = new Logger('shutdown');
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    closing = true;
    logger.log(`${signal}: stopping; running sweeps are queued and resume on the next start`);
    setTimeout(() => {
      logger.error(`still closing after ${timeoutMs} ms: exiting`);
      process.exit(1);
    }, timeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`closing failed: ${errorMessage(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
