import { LruCache } from '../common/lru-cache';

/**
 * Answers last served, as their JSON text, the least recently used dropped when full. Used for reports (read,
 * thinned and serialized once: serializing a 300-λ report on every request was most of its latency) and for a
 * finished sweep's trials pages (trials.service.ts). Neither changes once stored (only a succeeded sweep has a report,
 * written once; a finished sweep's trials are final), so an entry needs no invalidation.
 */
export class ReportCache extends LruCache<string> {
  constructor(capacity = 32) {
    super(capacity);
  }
}
