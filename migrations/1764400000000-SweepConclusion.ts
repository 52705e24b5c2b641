import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * sweep.concludeAttempts (a conclusion that never finishes is not retried at every start) and the trial index the
 * per-curve reads of the conclude step and the trials page's default order use.
 */
export class SweepConclusion1764400000000 implements MigrationInterface {
  name = 'SweepConclusion1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" ADD COLUMN "concludeAttempts" integer NOT NULL DEFAULT (0)`);
    await queryRunner.query(`CREATE INDEX "IDX_trial_sweep_curve" ON "trial" ("sweepId", "curve", "lambdaIndex") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_trial_sweep_curve"`);
    await queryRunner.query(`ALTER TABLE "sweep" DROP COLUMN "concludeAttempts"`);
  }
}
