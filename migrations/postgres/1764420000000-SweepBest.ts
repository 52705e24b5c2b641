import { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL's side of SQLite's SweepBest migration: the report's best model as JSON text, stored apart. */
export class SweepBest1764420000000 implements MigrationInterface {
  name = 'SweepBest1764420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" ADD COLUMN "best" text`);
    await queryRunner.query(`UPDATE "sweep" SET "best" = ("report"::json -> 'best')::text WHERE "report" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" DROP COLUMN "best"`);
  }
}
