import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL's side of SQLite's ClassLabels migration (issue 16): a dataset's class labels and a multinomial trial's
 * K full-data intercepts, both JSON text.
 */
export class PostgresClassLabels1764430000000 implements MigrationInterface {
  name = 'PostgresClassLabels1764430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dataset" ADD COLUMN "classes" text`);
    await queryRunner.query(`ALTER TABLE "trial" ADD COLUMN "intercepts" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trial" DROP COLUMN "intercepts"`);
    await queryRunner.query(`ALTER TABLE "dataset" DROP COLUMN "classes"`);
  }
}
