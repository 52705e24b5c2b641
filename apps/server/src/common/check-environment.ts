/**
 * Every environment variable an application (the server, a CLI session, `regsweep worker`) may read, parsed through
 * its own reader before anything is opened: a malformed one stops the start with its InvalidInputError while no
 * database file, PostgreSQL connection, Redis connection or worker thread exists yet. The readers are the ones the
 * modules call later, with the same options, so a variable an option replaces is not read here either.
 */
import { resolveSecurityOptions } from '../auth/security-options';
import { leaseSecondsFromEnv } from '../database/sweep-leases';
import { queueConcurrency, queueLockMs } from '../queue/queue-options';
import { resolveRunnerOptions } from '../runner/runner-options';
import type { AppOptions } from './app-options';

export function checkEnvironment(options: AppOptions, env: NodeJS.ProcessEnv = process.env): void {
  resolveRunnerOptions(options, env);
  resolveSecurityOptions(options, env);
  queueConcurrency(options, env);
  queueLockMs(env);
  leaseSecondsFromEnv(env);
}
