/** What `regsweep worker` does (worker.command.ts registers it). */
import { redactedUrl, startQueueWorker } from '../app-context';

export interface WorkerRun {
  database: string;
  queue: string;
  threads: number;
}

/** Runs until SIGTERM or SIGINT: then it stops taking jobs, lets the running ones finish, and closes. */
export async function runWorker({ database, queue, threads }: WorkerRun): Promise<void> {
  const worker = await startQueueWorker({ database, queue, threads });
  // Nest logs only errors in CLI contexts; this line is what scripts (and the tests) wait for.
  process.stderr.write(
    `regsweep worker: ready, ${threads} thread(s), queue ${redactedUrl(queue)}, database ${redactedUrl(database)}\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  process.stderr.write('regsweep worker: stopping; running jobs finish first\n');
  await worker.close();
}
