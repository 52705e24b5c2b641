import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schedules (issue 4): the `schedule` table, one `schedule_firing` row per cron tick, and the foreign key from
 * `sweep.scheduleId` to its schedule (ON DELETE SET NULL: deleting a schedule keeps its past sweeps, unlinked).
 *
 * SQLite cannot add a constraint to an existing table, so `sweep` is rebuilt (copy, drop, rename), as
 * `migration:generate` writes it. That is only safe with foreign keys off: otherwise dropping the old `sweep`
 * cascades into `task` and `trial` and deletes them. TypeORM turns them off before `migration:run`, but
 * `migration:revert` opens its transaction first, where SQLite ignores the PRAGMA — revert with `-t none`.
 * Both directions check and refuse rather than lose data.
 */
export class Schedules1764260000000 implements MigrationInterface {
  name = 'Schedules1764260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await requireForeignKeysOff(queryRunner);
    await queryRunner.query(
      `CREATE TABLE "schedule" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "cron" varchar NOT NULL, "timezone" varchar NOT NULL, "enabled" boolean NOT NULL, "overlap" varchar NOT NULL, "sweep" text NOT NULL, "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL)`,
    );

    await queryRunner.query(`DROP INDEX "IDX_sweep_createdAt"`);
    await queryRunner.query(`DROP INDEX "IDX_sweep_status"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_sweep" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "datasetId" varchar NOT NULL, "datasetVersion" integer NOT NULL, "config" text NOT NULL, "status" varchar NOT NULL, "progressDone" integer NOT NULL DEFAULT (0), "progressTotal" integer NOT NULL DEFAULT (0), "error" text, "scheduleId" varchar, "createdAt" datetime NOT NULL, "startedAt" datetime, "finishedAt" datetime, "report" text, CONSTRAINT "FK_797801be3e68ec055e96817b326" FOREIGN KEY ("datasetId") REFERENCES "dataset" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_969400da9db8c9062a08c26d82b" FOREIGN KEY ("scheduleId") REFERENCES "schedule" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    // A sweep linked to a schedule that does not exist (none can, before this migration) would break the new key.
    await queryRunner.query(
      `INSERT INTO "temporary_sweep"("id", "name", "datasetId", "datasetVersion", "config", "status", "progressDone", "progressTotal", "error", "scheduleId", "createdAt", "startedAt", "finishedAt", "report") SELECT "id", "name", "datasetId", "datasetVersion", "config", "status", "progressDone", "progressTotal", "error", NULL, "createdAt", "startedAt", "finishedAt", "report" FROM "sweep"`,
    );
    await queryRunner.query(`DROP TABLE "sweep"`);
    await queryRunner.query(`ALTER TABLE "temporary_sweep" RENAME TO "sweep"`);
    await queryRunner.query(`CREATE INDEX "IDX_sweep_createdAt" ON "sweep" ("createdAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_sweep_status" ON "sweep" ("status") `);

    await queryRunner.query(
      `CREATE TABLE "schedule_firing" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "scheduleId" varchar NOT NULL, "firedAt" datetime NOT NULL, "outcome" varchar NOT NULL, "sweepId" varchar, "reason" text, CONSTRAINT "FK_908fe9d84594088b42bbd678e5b" FOREIGN KEY ("scheduleId") REFERENCES "schedule" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_b40209afb8993a83f64f409a89d" FOREIGN KEY ("sweepId") REFERENCES "sweep" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_schedule_firing_schedule_firedAt" ON "schedule_firing" ("scheduleId", "firedAt") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await requireForeignKeysOff(queryRunner);
    await queryRunner.query(`DROP TABLE "schedule_firing"`);
    await queryRunner.query(`DROP INDEX "IDX_sweep_createdAt"`);
    await queryRunner.query(`DROP INDEX "IDX_sweep_status"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_sweep" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "datasetId" varchar NOT NULL, "datasetVersion" integer NOT NULL, "config" text NOT NULL, "status" varchar NOT NULL, "progressDone" integer NOT NULL DEFAULT (0), "progressTotal" integer NOT NULL DEFAULT (0), "error" text, "scheduleId" varchar, "createdAt" datetime NOT NULL, "startedAt" datetime, "finishedAt" datetime, "report" text, CONSTRAINT "FK_797801be3e68ec055e96817b326" FOREIGN KEY ("datasetId") REFERENCES "dataset" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_sweep"("id", "name", "datasetId", "datasetVersion", "config", "status", "progressDone", "progressTotal", "error", "scheduleId", "createdAt", "startedAt", "finishedAt", "report") SELECT "id", "name", "datasetId", "datasetVersion", "config", "status", "progressDone", "progressTotal", "error", "scheduleId", "createdAt", "startedAt", "finishedAt", "report" FROM "sweep"`,
    );
    await queryRunner.query(`DROP TABLE "sweep"`);
    await queryRunner.query(`ALTER TABLE "temporary_sweep" RENAME TO "sweep"`);
    await queryRunner.query(`CREATE INDEX "IDX_sweep_createdAt" ON "sweep" ("createdAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_sweep_status" ON "sweep" ("status") `);
    await queryRunner.query(`DROP TABLE "schedule"`);
  }
}

async function requireForeignKeysOff(queryRunner: QueryRunner): Promise<void> {
  const [{ foreign_keys: enabled }] = (await queryRunner.query('PRAGMA foreign_keys')) as { foreign_keys: number }[];
  if (enabled) {
    throw new Error(
      'Schedules1764260000000 rebuilds the sweep table and needs foreign keys off (dropping it would delete every ' +
        'task and trial); run it outside a transaction (typeorm migration:revert -t none)',
    );
  }
}
