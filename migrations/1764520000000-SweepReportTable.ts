import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The report out of the sweep row, into `sweep_report(sweepId, report)` (SweepReportEntity): on SQLite a row holding
 * a 10–20 KB report spans a leaf page and a chain of overflow pages, and every column added after it (model, tags,
 * bestValidation, best) was read by walking that chain, so the sweeps list's filters and the comparison read a few
 * pages per sweep. Existing reports are moved; a sweep without one (not succeeded) gets no row.
 *
 * The sweep table is then rebuilt rather than ALTER TABLE … DROP COLUMN: that rewrites each row in place and leaves
 * every row alone on its leaf page (10,000 sweeps: 9,021 leaf pages, 26.9 MB of them unused), so a filter still read
 * a page per sweep. Copied into a new table the rows pack several to a page. The new column order puts what the
 * filters and sorts read first and the long texts (error, config, notes of up to 10,000 characters) last, so a long
 * note never pushes a filtered column into overflow pages. Needs foreign keys off (TypeORM turns them off around
 * migrations): dropping the old table must not cascade to the tasks and trials. PostgreSQL's migration of the same
 * timestamp moves the reports the same way.
 */
export class SweepReportTable1764520000000 implements MigrationInterface {
  name = 'SweepReportTable1764520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ foreign_keys: enabled }] = (await queryRunner.query('PRAGMA foreign_keys')) as { foreign_keys: number }[];
    if (enabled) throw new Error(`${this.name} rebuilds the sweep table and needs foreign keys off`);
    await queryRunner.query(
      `CREATE TABLE "sweep_report" ("sweepId" varchar PRIMARY KEY NOT NULL, "report" text NOT NULL, CONSTRAINT "FK_d1ed8983052b390b8e216355c30" FOREIGN KEY ("sweepId") REFERENCES "sweep" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "sweep_report" ("sweepId", "report") SELECT "id", "report" FROM "sweep" WHERE "report" IS NOT NULL`,
    );
    const definitions = SWEEP_COLUMNS.map(([column, type]) => `"${column}" ${type}`).join(', ');
    await queryRunner.query(
      `CREATE TABLE "temporary_sweep" (${definitions}, CONSTRAINT "FK_797801be3e68ec055e96817b326" FOREIGN KEY ("datasetId") REFERENCES "dataset" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_969400da9db8c9062a08c26d82b" FOREIGN KEY ("scheduleId") REFERENCES "schedule" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    const columns = SWEEP_COLUMNS.map(([column]) => `"${column}"`).join(', ');
    await queryRunner.query(
      `INSERT INTO "temporary_sweep" (${columns}) SELECT ${columns} FROM "sweep" ORDER BY "createdAt"`,
    );
    await queryRunner.query(`DROP TABLE "sweep"`);
    await queryRunner.query(`ALTER TABLE "temporary_sweep" RENAME TO "sweep"`);
    for (const [index, column] of SWEEP_INDEXES) {
      await queryRunner.query(`CREATE INDEX "${index}" ON "sweep" ("${column}")`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" ADD COLUMN "report" text`);
    await queryRunner.query(
      `UPDATE "sweep" SET "report" = (SELECT "report" FROM "sweep_report" WHERE "sweepId" = "sweep"."id")`,
    );
    await queryRunner.query(`DROP TABLE "sweep_report"`);
  }
}

/** [column, definition]: the sweep table's columns as the entity declares them, in their new order. */
const SWEEP_COLUMNS: readonly [string, string][] = [
  ['id', 'varchar PRIMARY KEY NOT NULL'],
  ['name', 'varchar NOT NULL'],
  ['datasetId', 'varchar NOT NULL'],
  ['datasetVersion', 'integer NOT NULL'],
  ['status', 'varchar NOT NULL'],
  ['model', 'varchar'],
  ['createdAt', 'datetime NOT NULL'],
  ['startedAt', 'datetime'],
  ['finishedAt', 'datetime'],
  ['bestValidation', 'real'],
  ['progressDone', 'integer NOT NULL DEFAULT (0)'],
  ['progressTotal', 'integer NOT NULL DEFAULT (0)'],
  ['concludeAttempts', 'integer NOT NULL DEFAULT (0)'],
  ['scheduleId', 'varchar'],
  ['datasetChecksum', 'varchar'],
  ['regsweepVersion', 'varchar'],
  ['tags', 'text'],
  ['best', 'text'],
  ['concurrency', 'text'],
  ['error', 'text'],
  ['config', 'text NOT NULL'],
  ['notes', 'text'],
];

/** [index, column]: the sweep table's indexes (the entity's), rebuilt with it. */
const SWEEP_INDEXES: readonly [string, string][] = [
  ['IDX_sweep_createdAt', 'createdAt'],
  ['IDX_sweep_status', 'status'],
  ['IDX_sweep_datasetId', 'datasetId'],
  ['IDX_sweep_scheduleId', 'scheduleId'],
  ['IDX_sweep_model', 'model'],
  ['IDX_sweep_name', 'name'],
  ['IDX_sweep_bestValidation', 'bestValidation'],
];
