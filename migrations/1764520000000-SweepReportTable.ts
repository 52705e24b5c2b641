import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The report out of the sweep row, into `sweep_report(sweepId, report)` (SweepReportEntity): on SQLite a row holding
 * a 10–20 KB report spans a leaf page and a chain of overflow pages, and every column added after it (model, tags,
 * bestValidation, best) was read by walking that chain, so the sweeps list's filters and the comparison cost a few
 * pages per sweep. Existing reports are moved; a sweep without one (not succeeded) gets no row. DROP COLUMN rewrites
 * each sweep row without its report (SQLite ≥ 3.35). PostgreSQL's migration of the same timestamp does the same.
 */
export class SweepReportTable1764520000000 implements MigrationInterface {
  name = 'SweepReportTable1764520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sweep_report" ("sweepId" varchar PRIMARY KEY NOT NULL, "report" text NOT NULL, CONSTRAINT "FK_d1ed8983052b390b8e216355c30" FOREIGN KEY ("sweepId") REFERENCES "sweep" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "sweep_report" ("sweepId", "report") SELECT "id", "report" FROM "sweep" WHERE "report" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "sweep" DROP COLUMN "report"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" ADD COLUMN "report" text`);
    await queryRunner.query(
      `UPDATE "sweep" SET "report" = (SELECT "report" FROM "sweep_report" WHERE "sweepId" = "sweep"."id")`,
    );
    await queryRunner.query(`DROP TABLE "sweep_report"`);
  }
}
