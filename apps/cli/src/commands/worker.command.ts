/**
 * `regsweep worker --queue redis://… --database postgres://… [--threads N]` (SPEC §7): takes fold-task jobs from
 * the queue and runs them on this process's own Piscina pool, for the servers that enqueued them. Any number of
 * workers on any number of machines; stop one with SIGTERM/SIGINT (its running jobs finish first) or lose it
 * (its jobs are taken by another worker once their lock expires).
 */
import { InvalidInputError } from '@regsweep/errors';
import { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { DEFAULT_DB_PATH, wholeFromEnv, wholeNumber } from '../app-context';
import { DATABASE_OPTION, DATABASE_OPTION_HELP, databaseLocation } from '../database-option';
import { QUEUE_OPTION, QUEUE_OPTION_HELP, queueLocation } from '../queue-option';

interface WorkerFlags {
  db: string;
  database?: string;
  queue?: string;
  threads?: string;
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run fold tasks from the queue (queue mode) on this machine, for the servers that enqueue them.')
    .option(QUEUE_OPTION, QUEUE_OPTION_HELP)
    .option(DATABASE_OPTION, DATABASE_OPTION_HELP)
    .option('--db <file>', 'SQLite database (only when the workers share the servers\u2019 machine)', DEFAULT_DB_PATH)
    .option('--threads <n>', 'worker threads (default: REGSWEEP_WORKERS, else the number of cores)')
    .action(async (flags: WorkerFlags) => {
      const queue = queueLocation(flags);
      if (queue === undefined) {
        throw new InvalidInputError([
          { path: 'queue', message: 'is required (--queue redis://… or REGSWEEP_QUEUE_URL)' },
        ]);
      }
      const threads =
        flags.threads !== undefined
          ? wholeNumber('threads', flags.threads, 1)
          : (wholeFromEnv(process.env, 'REGSWEEP_WORKERS') ?? availableParallelism());
      const database = databaseLocation(flags);
      const { runWorker } = await import('./worker.action'); // Nest, TypeORM, BullMQ: loaded only when working
      await runWorker({ database, queue, threads });
    });
}
