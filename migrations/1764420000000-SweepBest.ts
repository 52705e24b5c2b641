import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * sweep.best: the report's best model as JSON text, stored with the report, so the sweep lists and a sweep's summary
 * read a few hundred bytes instead of parsing the whole report (json_extract parsed all of it on every request).
 */
export class SweepBest1764420000000 implements MigrationInterface {
  name = 'SweepBest1764420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" ADD COLUMN "best" text`);
    await queryRunner.query(`UPDATE "sweep" SET "best" = json_extract("report", '$.best') WHERE "report" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" DROP COLUMN "best"`);
  }
}
