/**
 * The reports last served, as the JSON text of the answer: read, thinned and serialized once (serializing a
 * 300-λ report on every request was most of its latency). A stored report never changes (only a succeeded sweep
 * has one, and it is written once), so an entry needs no invalidation; the oldest entry goes when the cache is full.
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
