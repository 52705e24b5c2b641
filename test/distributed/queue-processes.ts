/** `regsweep worker` processes for the distributed tests: real processes of the compiled CLI (npm run build). */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { FOLD_TASK_QUEUE, parseQueueUrl } from '../../apps/server/src/queue/queue-connection';

export const TEST_REDIS_URL = process.env.REGSWEEP_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

/**
 * A queue URL of its own (a fresh BullMQ prefix) on the test Redis, once Redis has answered a PING: without Redis
 * the tests fail here with the reason, not later in BullMQ's endless reconnecting.
 */
export async function testQueueUrl(): Promise<string> {
  await requireRedis();
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

/** Resolves when the test Redis answers PING; rejects, saying what is missing, when it does not within 5 s. */
function requireRedis(): Promise<void> {
  const url = new URL(TEST_REDIS_URL);
  const missing = (why: string) =>
    new Error(
      `Redis is not reachable at ${TEST_REDIS_URL} (${why}): the distributed tier needs it; ` +
        '.ci/services starts it (or set REGSWEEP_TEST_REDIS_URL)',
    );
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port || 6379), url.hostname);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(missing('no answer within 5 s'));
    }, 5000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (reply) => {
      clearTimeout(timer);
      socket.end();
      if (reply.toString().startsWith('+PONG')) resolve();
      else reject(missing(`it answered ${JSON.stringify(reply.toString().trim())}`));
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(missing(error.message));
    });
  });
}
