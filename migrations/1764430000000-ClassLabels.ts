import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Multiclass sweeps (issue 16): a dataset's class labels (JSON list in label-index order; y stores the indices), and
 * a multinomial trial's K full-data intercepts (JSON {class: value}; its coefficients are then {class: {feature: value}}).
 */
export class ClassLabels1764430000000 implements MigrationInterface {
  name = 'ClassLabels1764430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dataset" ADD COLUMN "classes" text`);
    await queryRunner.query(`ALTER TABLE "trial" ADD COLUMN "intercepts" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trial" DROP COLUMN "intercepts"`);
    await queryRunner.query(`ALTER TABLE "dataset" DROP COLUMN "classes"`);
  }
}
