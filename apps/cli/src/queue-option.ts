/** `--queue redis://…` (or REGSWEEP_QUEUE_URL): queue mode's BullMQ connection; the flag wins over the variable. */
import { checkedRedisUrl } from './app-context';

export const QUEUE_OPTION = '--queue <url>';
export const QUEUE_OPTION_HELP =
  'Redis URL (redis://host:6379[/db][?prefix=name]) of the BullMQ queue fold tasks go through; ' +
  'default: REGSWEEP_QUEUE_URL, else none (the fits run in this process)';

/**
 * The queue URL the command uses, or none. Every command that takes one (serve, sweep, worker) calls this before it
 * opens anything, so a URL the queue could not use is refused here (queue-connection.ts: checkedRedisUrl).
 */
export function queueLocation(flags: { queue?: string }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = flags.queue ?? (env.REGSWEEP_QUEUE_URL || undefined);
  return url === undefined
    ? undefined
    : checkedRedisUrl(flags.queue !== undefined ? 'queue' : 'REGSWEEP_QUEUE_URL', url);
}
