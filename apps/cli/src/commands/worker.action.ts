/** What `regsweep worker` does (worker.command.ts registers it). */
import { Logger } from '@nestjs/common';
import { redactedUrl } from '../../../server/src/database/database-location';
import { DatasetsService } from '../../../server/src/datasets/datasets.service';
import { FoldTaskConsumer } from '../../../server/src/queue/fold-task-consumer';
import { parseQueueUrl } from '../../../server/src/queue/queue-connection';
import { queueLockMs } from '../../../server/src/queue/queue-options';
import { WorkerPoolService } from '../../../server/src/runner/worker-pool.service';
import { openContext } from '../app-context';

export interface WorkerRun {
  database: string;
  queue: string;
  threads: number;
}

/** Runs until SIGTERM or SIGINT: then it stops taking jobs, lets the running ones finish, and closes. */
export async function runWorker({ database, queue, threads }: WorkerRun): Promise<void> {
  const app = await openContext(database, { poolSize: threads, warmWorkers: true });
  const consumer = new FoldTaskConsumer(app.get(DatasetsService), app.get(WorkerPoolService), parseQueueUrl(queue), {
    concurrency: threads,
    lockMs: queueLockMs(),
  });
  await consumer.start();
  const logger = new Logger('regsweep worker');
  // Nest logs only errors in CLI contexts; this line is what scripts (and the tests) wait for.
  process.stderr.write(
    `regsweep worker: ready, ${threads} thread(s), queue ${redactedUrl(queue)}, database ${redactedUrl(database)}\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  logger.log('stopping: running jobs finish first');
  await consumer.close();
  await app.close();
}
