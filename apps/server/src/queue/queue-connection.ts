/**
 * The queue's location: `--queue redis://[:password@]host:port[/db][?prefix=name]` (or REGSWEEP_QUEUE_URL). The
 * optional `prefix` names the BullMQ key space, so several deployments (or test runs) can share one Redis.
 */
import type { ConnectionOptions } from 'bullmq';

/** The BullMQ queue every server enqueues fold tasks in and every `regsweep worker` takes them from. */
export const FOLD_TASK_QUEUE = 'regsweep-fold-tasks';

export interface QueueLocation {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  /** The Redis channel cancellations are published on (queued-worker-pool.ts → fold-task-consumer.ts). */
  readonly cancelChannel: string;
  /** The channel a server announces a sweep's dataset on as it starts the sweep, for workers to load it early. */
  readonly prefetchChannel: string;
}

export function isRedisUrl(location: string): boolean {
  return /^rediss?:\/\//i.test(location);
}

export function parseQueueUrl(location: string): QueueLocation {
  if (!isRedisUrl(location)) throw new Error(`the queue must be a redis:// URL, got "${location}"`);
  const url = new URL(location);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0)
    throw new Error(`the queue URL's database must be a whole number, got "${url.pathname}"`);
  const prefix = url.searchParams.get('prefix') || 'bull';
  return {
    connection: {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : 6379,
      db,
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
      // BullMQ's workers block on Redis: its guidance is no per-request retry limit on their connections.
      maxRetriesPerRequest: null,
    },
    prefix,
    cancelChannel: `${prefix}:${FOLD_TASK_QUEUE}:cancel`,
    prefetchChannel: `${prefix}:${FOLD_TASK_QUEUE}:prefetch`,
  };
}

/**
 * The publish/subscribe part of a BullMQ connection. BullMQ types its clients narrowly (IRedisClient), but they
 * are ioredis clients, which have these; cancellations use them rather than a second Redis library.
 */
export interface PubSubClient {
  publish(channel: string, message: string): Promise<number>;
  subscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  duplicate(): PubSubClient;
  quit(): Promise<unknown>;
}

export function pubSub(client: unknown): PubSubClient {
  return client as PubSubClient;
}
