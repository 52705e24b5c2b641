import { Injectable } from '@nestjs/common';
import type { SweepReport } from '@regsweep/sweep';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { FiringOutcome, ScheduleFiringEntity } from '../../schedules/schedule-firing.entity';
import type { ScheduleEntity } from '../../schedules/schedule.entity';
import type { NewFiring, NewSchedule, ScheduleRunRow } from '../../schedules/schedule.repository';
import type { SweepEntity } from '../../sweeps/sweep.entity';
import { selectPage, selectRows } from './pg-queryable';
import type { PageRows } from '../../common/page';

type ScheduleRow = Omit<ScheduleEntity, 'sweep'> & { sweep: string };

/** ScheduleRepository on PostgreSQL (provided under its token by DatabaseModule), in the same orders. */
@Injectable()
export class PgScheduleRepository {
  constructor(private readonly db: DataSource) {}

  create(schedule: NewSchedule): Promise<ScheduleEntity> {
    return this.save({ ...schedule, id: randomUUID() });
  }

  /** Inserts or replaces the whole row, as TypeORM's save does for an entity with its id. */
  async save(schedule: ScheduleEntity): Promise<ScheduleEntity> {
    const [row] = await selectRows<ScheduleRow>(
      this.db,
      'INSERT INTO schedule ("id", "name", "cron", "timezone", "enabled", "overlap", "sweep", "createdAt", "updatedAt") ' +
        'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT ("id") DO UPDATE SET "name" = excluded."name", ' +
        '"cron" = excluded."cron", "timezone" = excluded."timezone", "enabled" = excluded."enabled", ' +
        '"overlap" = excluded."overlap", "sweep" = excluded."sweep", "createdAt" = excluded."createdAt", ' +
        '"updatedAt" = excluded."updatedAt" RETURNING *',
      [
        schedule.id,
        schedule.name,
        schedule.cron,
        schedule.timezone,
        schedule.enabled,
        schedule.overlap,
        JSON.stringify(schedule.sweep),
        schedule.createdAt,
        schedule.updatedAt,
      ],
    );
    return toSchedule(row);
  }

  async findById(id: string): Promise<ScheduleEntity | null> {
    const [row] = await selectRows<ScheduleRow>(this.db, 'SELECT * FROM schedule WHERE "id" = $1', [id]);
    return row ? toSchedule(row) : null;
  }

  async findEnabled(): Promise<ScheduleEntity[]> {
    const rows = await selectRows<ScheduleRow>(
      this.db,
      'SELECT * FROM schedule WHERE "enabled" ORDER BY "createdAt" ASC',
    );
    return rows.map(toSchedule);
  }

  findEnabledTimers(): Promise<Pick<ScheduleEntity, 'id' | 'cron' | 'timezone' | 'overlap'>[]> {
    return selectRows(
      this.db,
      'SELECT "id", "cron", "timezone", "overlap" FROM schedule WHERE "enabled" ORDER BY "createdAt" ASC',
    );
  }

  async disable(id: string, at: Date): Promise<void> {
    await this.db.query('UPDATE schedule SET "enabled" = false, "updatedAt" = $2 WHERE "id" = $1', [id, at]);
  }

  async list(page: number, pageSize: number): Promise<PageRows<ScheduleEntity>> {
    const { rows, total } = await selectPage<ScheduleRow>(
      this.db,
      { columns: '*', source: 'schedule', orderBy: '"createdAt" DESC, "id" COLLATE "C" DESC' },
      page,
      pageSize,
    );
    return { items: rows.map(toSchedule), total };
  }

  async delete(id: string): Promise<void> {
    await this.db.query('DELETE FROM schedule WHERE "id" = $1', [id]);
  }

  async recordFiring(firing: NewFiring): Promise<number> {
    const [{ id }] = await selectRows<{ id: number }>(
      this.db,
      'INSERT INTO schedule_firing ("scheduleId", "firedAt", "outcome", "sweepId", "reason") VALUES ($1, $2, $3, $4, $5) RETURNING "id"',
      [firing.scheduleId, firing.firedAt, firing.outcome, firing.sweepId ?? null, firing.reason ?? null],
    );
    return id;
  }

  async updateFiring(id: number, change: Pick<NewFiring, 'outcome' | 'sweepId' | 'reason'>): Promise<void> {
    await this.db.query('UPDATE schedule_firing SET "outcome" = $2, "sweepId" = $3, "reason" = $4 WHERE "id" = $1', [
      id,
      change.outcome,
      change.sweepId ?? null,
      change.reason ?? null,
    ]);
  }

  async skipQueuedFirings(reason: string): Promise<void> {
    await this.db.query(`UPDATE schedule_firing SET "outcome" = 'skipped', "reason" = $1 WHERE "outcome" = 'queued'`, [
      reason,
    ]);
  }

  async listFirings(scheduleId: string, page: number, pageSize: number): Promise<PageRows<ScheduleFiringEntity>> {
    const { rows, total } = await selectPage<ScheduleFiringEntity>(
      this.db,
      {
        columns: '*',
        source: 'schedule_firing WHERE "scheduleId" = $1',
        orderBy: '"firedAt" DESC, "id" DESC',
        parameters: [scheduleId],
      },
      page,
      pageSize,
    );
    return { items: rows, total };
  }

  async countFirings(scheduleId: string, outcome: FiringOutcome): Promise<number> {
    const [{ n }] = await selectRows<{ n: number }>(
      this.db,
      'SELECT COUNT(*)::int AS n FROM schedule_firing WHERE "scheduleId" = $1 AND "outcome" = $2',
      [scheduleId, outcome],
    );
    return n;
  }

  /** As the SQLite repository: newest first, each run's best model and the previous run's best λ. */
  async listRuns(scheduleId: string, page: number, pageSize: number): Promise<PageRows<ScheduleRunRow>> {
    const [{ total }] = await selectRows<{ total: number }>(
      this.db,
      'SELECT COUNT(*)::int AS total FROM sweep WHERE "scheduleId" = $1',
      [scheduleId],
    );
    const rows = await selectRows<Partial<SweepEntity> & { best: string | null; previousLambda: number | null }>(
      this.db,
      'SELECT run."id", run."status", run."datasetId", run."datasetVersion", run."error", run."createdAt", ' +
        `run."startedAt", run."finishedAt", run."best", ` +
        `(SELECT (previous."best"::json ->> 'lambda')::float8 FROM sweep previous ` +
        `WHERE previous."scheduleId" = run."scheduleId" AND json_typeof(previous."best"::json) = 'object' ` +
        'AND (previous."createdAt" < run."createdAt" OR (previous."createdAt" = run."createdAt" AND previous."id" COLLATE "C" < run."id" COLLATE "C")) ' +
        'ORDER BY previous."createdAt" DESC, previous."id" COLLATE "C" DESC LIMIT 1) AS "previousLambda" ' +
        'FROM sweep run WHERE run."scheduleId" = $1 ORDER BY run."createdAt" DESC, run."id" COLLATE "C" DESC LIMIT $2 OFFSET $3',
      [scheduleId, pageSize, (page - 1) * pageSize],
    );
    const items = rows.map(({ best, previousLambda, ...sweep }) => ({
      sweep: sweep as SweepEntity,
      best: best && best !== 'null' ? (JSON.parse(best) as SweepReport['best']) : null,
      previousLambda,
    }));
    return { items, total };
  }
}

function toSchedule(row: ScheduleRow): ScheduleEntity {
  return { ...row, sweep: JSON.parse(row.sweep) as ScheduleEntity['sweep'] };
}
