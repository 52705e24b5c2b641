import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL's side of SQLite's SweepReportTable: the report out of the sweep row into `sweep_report`. PostgreSQL
 * already keeps a large text out of line (TOAST), so here it is for one schema on both drivers (the store's statements
 * read and write the same tables); existing reports are moved, the column dropped.
 */
export class PostgresSweepReportTable1764520000000 implements MigrationInterface {
  name = 'PostgresSweepReportTable1764520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sweep_report" ("sweepId" varchar NOT NULL, "report" text NOT NULL, ` +
        `CONSTRAINT "PK_sweep_report" PRIMARY KEY ("sweepId"), ` +
        `CONSTRAINT "FK_sweep_report_sweep" FOREIGN KEY ("sweepId") REFERENCES "sweep" ("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `INSERT INTO "sweep_report" ("sweepId", "report") SELECT "id", "report" FROM "sweep" WHERE "report" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "sweep" DROP COLUMN "report"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" ADD COLUMN "report" text`);
    await queryRunner.query(
      `UPDATE "sweep" SET "report" = r."report" FROM "sweep_report" r WHERE r."sweepId" = "sweep"."id"`,
    );
    await queryRunner.query(`DROP TABLE "sweep_report"`);
  }
}
