/**
 * The queue's location: `--queue redis://[user:password@]host:port[/db][?prefix=name]` (or REGSWEEP_QUEUE_URL). The
 * optional `prefix` names the BullMQ key space, so several deployments (or test runs) can share one Redis.
 */
import type { ConnectionOptions } from 'bullmq';
import { checkedUrl, NOT_PARSEABLE, parsedUrl, type UrlRule, userInfoProblem } from '../common/url-text';

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

function isRedisUrl(location: string): boolean {
  return /^rediss?:\/\//i.test(location);
}

const REDIS_URL: UrlRule = {
  isOfScheme: isRedisUrl,
  expected: 'a redis:// or rediss:// URL (redis://[user:password@]host[:port][/db][?prefix=name])',
  problemOf: redisUrlProblem,
};

/**
 * `url` when parseQueueUrl and ioredis can use it, else an InvalidInputError naming `path` (the flag or variable it
 * came from) with the password masked (url-text.ts: checkedUrl). Unchecked, `new URL` threw inside Nest, and its
 * TypeError's `input` showed the whole URL, password too.
 */
export function checkedRedisUrl(path: string, url: string): string {
  return checkedUrl(path, url, REDIS_URL);
}

/**
 * What parseQueueUrl or ioredis would stumble on, or undefined:
 * - a URL WHATWG's parser refuses (a port that is no number or above 65535, a user but no host, an unclosed "[");
 * - port 0, which nothing listens on;
 * - a path other than none, "/" or "/" and decimal digits: the database index, which Redis's SELECT takes as an
 *   integer (an index beyond the server's `databases` setting is only known to the server, which refuses it);
 * - a user or password that is not percent-decodable ("%zz"): parseQueueUrl decodes both.
 */
function redisUrlProblem(text: string): string | undefined {
  const url = parsedUrl(text);
  if (!url) return NOT_PARSEABLE;
  if (url.port === '0') return 'a port must be from 1 to 65535, not 0';
  if (!/^(\/[0-9]*)?$/.test(url.pathname)) return 'the database after the host must be a whole number, as "/0"';
  return userInfoProblem(url);
}

/** The BullMQ connection of a queue URL; one checkedRedisUrl refuses (AppOptions.queueUrl: path "queueUrl") throws. */
export function parseQueueUrl(location: string): QueueLocation {
  const url = new URL(checkedRedisUrl('queueUrl', location));
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
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
