/** `--queue redis://…` (or REGSWEEP_QUEUE_URL): queue mode's BullMQ connection; the flag wins over the variable. */
import { InvalidInputError } from '@regsweep/errors';
import { isRedisUrl, redactedUrl } from './app-context';

export const QUEUE_OPTION = '--queue <url>';
export const QUEUE_OPTION_HELP =
  'Redis URL (redis://host:6379[/db][?prefix=name]) of the BullMQ queue fold tasks go through; ' +
  'default: REGSWEEP_QUEUE_URL, else none (the fits run in this process)';

export function queueLocation(flags: { queue?: string }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = flags.queue ?? (env.REGSWEEP_QUEUE_URL || undefined);
  if (url !== undefined && !isRedisUrl(url)) {
    const path = flags.queue !== undefined ? 'queue' : 'REGSWEEP_QUEUE_URL';
    throw new InvalidInputError([{ path, message: `must be a redis:// or rediss:// URL, got "${redactedUrl(url)}"` }]);
  }
  return url;
}
