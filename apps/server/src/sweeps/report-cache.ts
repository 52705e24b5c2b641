/**
 * Answers last served, as their JSON text, the least recently used dropped when full. Used for reports (read,
 * thinned and serialized once: serializing a 300-λ report on every request was most of its latency) and for a
 * finished sweep's trials pages (trials.service.ts). Neither changes once stored (only a succeeded sweep has a report,
 * written once; a finished sweep's trials are final), so an entry needs no invalidation.
 */
export class ReportCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly capacity = 32) {}

  get(key: string): string | undefined {
    const report = this.entries.get(key);
    if (report) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.entries.delete(key);
      this.entries.set(key, report);
    }
    return report;
  }

  set(key: string, report: string): void {
    this.entries.delete(key);
    this.entries.set(key, report);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
