import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL's side of SQLite's SweepConclusion and PrunedTrials migrations: sweep.concludeAttempts (a conclusion
 * that never finishes is not retried at every start) and a pruned trial's step and intermediate value.
 */
export class ConclusionAndPruning1764410000000 implements MigrationInterface {
  name = 'ConclusionAndPruning1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" ADD COLUMN "concludeAttempts" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "trial" ADD COLUMN "prunedStep" integer`);
    await queryRunner.query(`ALTER TABLE "trial" ADD COLUMN "prunedValue" double precision`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trial" DROP COLUMN "prunedValue"`);
    await queryRunner.query(`ALTER TABLE "trial" DROP COLUMN "prunedStep"`);
    await queryRunner.query(`ALTER TABLE "sweep" DROP COLUMN "concludeAttempts"`);
  }
}
