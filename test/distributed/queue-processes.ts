/** `regsweep worker` processes for the distributed tests: real processes of the compiled CLI (npm run build). */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { FOLD_TASK_QUEUE, parseQueueUrl } from '../../apps/server/src/queue/queue-connection';

export const TEST_REDIS_URL = process.env.REGSWEEP_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

/** A queue URL of its own (a fresh BullMQ prefix) on the test Redis. */
export function testQueueUrl(): string {
  const url = new URL(TEST_REDIS_URL);
  url.searchParams.set('prefix', `regsweep-e2e-${randomBytes(6).toString('hex')}`);
  return url.toString();
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** The BullMQ worker name it stores on the jobs it takes (job.processedBy). */
  readonly name: string;
  readonly exited: Promise<number | null>;
  stderr(): string;
}

/**
 * Starts a worker and resolves once it says it is ready (taking jobs). Locks expire after 2 s of silence.
 * `wrapper`: a command the worker runs under (`ip netns exec NAME`, which execs it: the pid stays the worker's).
 */
export function startWorker(
  queue: string,
  database: string,
  threads = 1,
  wrapper: string[] = [],
): Promise<WorkerProcess> {
  const command = [...wrapper, process.execPath, CLI, 'worker', '--queue', queue, '--database', database];
  const child = spawn(command[0], [...command.slice(1), '--threads', String(threads)], {
    env: { ...process.env, REGSWEEP_QUEUE_LOCK_MS: '2000' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.includes('regsweep worker: ready')) {
        resolve({ child, name: `regsweep-worker:${hostname()}:${child.pid}`, exited, stderr: () => stderr });
      }
    });
    void exited.then((code) => reject(new Error(`worker exited with ${code} before it was ready:\n${stderr}`)));
  });
}

/** SIGTERM (running jobs finish) and wait for the exit. */
export async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  await worker.exited;
}

/** A BullMQ handle on the test queue, to see which worker holds which job. */
export function openQueue(queueUrl: string): Queue {
  const { connection, prefix } = parseQueueUrl(queueUrl);
  return new Queue(FOLD_TASK_QUEUE, { connection, prefix });
}
