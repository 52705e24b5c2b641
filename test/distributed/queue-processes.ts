/** `regsweep worker` processes for the distributed tests: real processes of the compiled CLI (npm run build). */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { createApp } from '../../apps/server/src/main';
import { FOLD_TASK_QUEUE, parseQueueUrl } from '../../apps/server/src/queue/queue-connection';
import { createTestSchema, type TestSchema } from './services';

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

/** A server in queue mode (it runs no fits) on a fresh PostgreSQL schema and a queue of its own, that queue open. */
export interface QueueModeServer {
  schema: TestSchema;
  queueUrl: string;
  app: INestApplication;
  queue: Queue;
}

export async function startQueueModeServer(): Promise<QueueModeServer> {
  const schema = await createTestSchema();
  const queueUrl = await testQueueUrl();
  const app = await createApp({ dbPath: schema.url, queueUrl, dashboard: false, logger: false });
  await app.init();
  return { schema, queueUrl, app, queue: openQueue(queueUrl) };
}

/** Stops the workers (running jobs finish), then the server; empties and closes its queue; drops its schema. */
export async function stopQueueModeServer(
  started: Partial<QueueModeServer>,
  workers: readonly WorkerProcess[],
): Promise<void> {
  await Promise.all(workers.map(stopWorker));
  await started.app?.close();
  await started.queue?.obliterate({ force: true }).catch(() => undefined);
  await started.queue?.close();
  await started.schema?.drop();
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

/** Polls `condition` (a state of Redis or the database, not a duration) until it holds. */
export async function until(condition: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
