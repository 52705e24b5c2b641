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

/**
 * AppOptions whose variables have been checked: made only by running the readers (the constructor), so holding one
 * is the proof. AppModule.forRoot and the light sweep session take these or plain options, checking plain ones first;
 * a process that tries one and falls back to the other (the CLI's sweep on a file that is not current) passes these
 * along and checks once.
 */
export class CheckedAppOptions {
  constructor(
    readonly options: Readonly<AppOptions>,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    resolveRunnerOptions(options, env);
    resolveSecurityOptions(options, env);
    queueConcurrency(options, env);
    queueLockMs(env);
    leaseSecondsFromEnv(env);
  }
}

/** `options` checked against `env`, unless they already are. */
export function checkEnvironment(
  options: AppOptions | CheckedAppOptions,
  env: NodeJS.ProcessEnv = process.env,
): CheckedAppOptions {
  return options instanceof CheckedAppOptions ? options : new CheckedAppOptions(options, env);
}
