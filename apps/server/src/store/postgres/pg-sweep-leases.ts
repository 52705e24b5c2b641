import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isDeadLocalOwner, leaseSecondsFromEnv, newLeaseOwner, SweepLeases } from '../../database/sweep-leases';
import { selectRows } from './pg-queryable';

interface LeaseRow {
  id: string;
  owner: string | null;
  expired: boolean | null;
}

/**
 * Sweep leases on PostgreSQL: a `sweep_lease` row per sweep a server runs, its expiry renewed every third of the
 * lease's length while the sweep runs. Times are the database's `now()`, so the servers' clocks need not agree.
 * Taking a lease is one compare-and-set upsert: of two servers that saw the same expired or dead owner, one wins.
 */
@Injectable()
export class PgSweepLeases extends SweepLeases implements OnModuleDestroy {
  readonly owner = newLeaseOwner();
  private readonly logger = new Logger(PgSweepLeases.name);
  private readonly seconds = leaseSecondsFromEnv();
  readonly scanMs = (this.seconds * 1000) / 2;
  private readonly held = new Set<string>();
  private renewal?: NodeJS.Timeout;

  constructor(private readonly db: DataSource) {
    super();
  }

  /**
   * Two tries: a lease row written between a try's read and its upsert is read on the second. Its writer may be a
   * server that has died since (a statement it sent before it was killed can land after its exit), which the
   * first try's read could not know as the owner to take over from.
   */
  async acquire(sweepId: string): Promise<boolean> {
    const won = (await this.tryAcquire(sweepId)) || (await this.tryAcquire(sweepId));
    if (!won) return false;
    this.held.add(sweepId);
    this.renewal ??= setInterval(() => void this.renew(), (this.seconds * 1000) / 3).unref();
    return true;
  }

  private async tryAcquire(sweepId: string): Promise<boolean> {
    const [current] = await selectRows<LeaseRow>(
      this.db,
      `SELECT "sweepId" AS id, owner, "expiresAt" < now() AS expired FROM sweep_lease WHERE "sweepId" = $1`,
      [sweepId],
    );
    const deadOwner = current?.owner && isDeadLocalOwner(current.owner) ? current.owner : null;
    // Inserted when there is no lease; otherwise updated only when it is this process's, expired, or the dead owner's.
    const won = await selectRows(
      this.db,
      `INSERT INTO sweep_lease ("sweepId", owner, "expiresAt") VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT ("sweepId") DO UPDATE SET owner = EXCLUDED.owner, "expiresAt" = EXCLUDED."expiresAt"
       WHERE sweep_lease.owner = EXCLUDED.owner OR sweep_lease."expiresAt" < now() OR sweep_lease.owner = $4
       RETURNING 1`,
      [sweepId, this.owner, this.seconds, deadOwner],
    );
    return won.length > 0;
  }

  async release(sweepId: string): Promise<void> {
    this.held.delete(sweepId);
    if (this.held.size === 0) this.stopRenewal();
    // Expired rather than deleted: another server's next scan takes a requeued sweep at once.
    await this.db.query(`UPDATE sweep_lease SET "expiresAt" = now() WHERE "sweepId" = $1 AND owner = $2`, [
      sweepId,
      this.owner,
    ]);
  }

  async resumable({ atStart }: { atStart: boolean }): Promise<string[]> {
    // At start a sweep with no lease row is resumable too: its server stopped before taking one (or predates leases).
    const rows = await selectRows<LeaseRow>(
      this.db,
      `SELECT s.id, l.owner, l."expiresAt" < now() AS expired FROM sweep s
       ${atStart ? 'LEFT JOIN' : 'JOIN'} sweep_lease l ON l."sweepId" = s.id
       WHERE s.status IN ('queued', 'running') ORDER BY s."createdAt", s.id`,
    );
    const resumable: string[] = [];
    for (const { id, owner, expired } of rows) {
      if (owner === this.owner) continue;
      if (owner === null || expired || isDeadLocalOwner(owner)) resumable.push(id);
      else if (atStart) this.logger.log(`sweep ${id} is run by ${owner}, whose lease is live: not resuming it here`);
    }
    return resumable;
  }

  onModuleDestroy(): void {
    this.stopRenewal();
  }

  /** A lease lost to another server means this process stalled past its expiry: said loudly (results are idempotent). */
  private async renew(): Promise<void> {
    const ids = [...this.held];
    if (ids.length === 0) return;
    try {
      const renewed = await selectRows<{ id: string }>(
        this.db,
        `WITH renewed AS (UPDATE sweep_lease SET "expiresAt" = now() + make_interval(secs => $3)
           WHERE owner = $1 AND "sweepId" = ANY($2) RETURNING "sweepId") SELECT "sweepId" AS id FROM renewed`,
        [this.owner, ids, this.seconds],
      );
      const kept = new Set(renewed.map((row) => row.id));
      for (const id of ids)
        if (!kept.has(id) && this.held.has(id)) this.logger.error(`sweep ${id}: lease taken over by another server`);
    } catch (error) {
      this.logger.warn(`renewing sweep leases failed: ${String(error)}`);
    }
  }

  private stopRenewal(): void {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = undefined;
  }
}
