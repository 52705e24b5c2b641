import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pruned trials (issue 13): a trial stopped by a pruner keeps status `pruned` with the step (folds finished) and the
 * intermediate value (the running CV mean) that pruned it.
 */
export class PrunedTrials1764410000000 implements MigrationInterface {
  name = 'PrunedTrials1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trial" ADD COLUMN "prunedStep" integer`);
    await queryRunner.query(`ALTER TABLE "trial" ADD COLUMN "prunedValue" real`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trial" DROP COLUMN "prunedValue"`);
    await queryRunner.query(`ALTER TABLE "trial" DROP COLUMN "prunedStep"`);
  }
}
