import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScheduleTickClaims } from '../../database/schedule-tick-claims';
import { selectRows } from './pg-queryable';

/**
 * Tick claims on PostgreSQL: the primary key (scheduleId, tickAt) lets one INSERT win per tick, whichever server's
 * timer fires first; the others' ON CONFLICT DO NOTHING returns no row. Claims older than a day are pruned by the
 * winners, so the table stays a day of ticks long.
 */
@Injectable()
export class PgScheduleTickClaims extends ScheduleTickClaims {
  constructor(private readonly db: DataSource) {
    super();
  }

  async claim(scheduleId: string, tickAt: Date): Promise<boolean> {
    const won = await selectRows(
      this.db,
      'INSERT INTO schedule_tick_claim ("scheduleId", "tickAt") VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1',
      [scheduleId, tickAt],
    );
    if (won.length === 0) return false;
    await this.db.query(`DELETE FROM schedule_tick_claim WHERE "tickAt" < now() - interval '1 day'`);
    return true;
  }

  /**
   * A queued or running row is a live run: the server holding its lease runs it, and when that server dies another
   * takes the sweep over (database/sweep-leases.ts, sweep-recovery.service.ts), so such a row does not stay forever.
   */
  async runInDatabase(scheduleId: string): Promise<boolean> {
    const rows = await selectRows(
      this.db,
      `SELECT 1 FROM sweep WHERE "scheduleId" = $1 AND status IN ('queued', 'running') LIMIT 1`,
      [scheduleId],
    );
    return rows.length > 0;
  }
}
