import { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL's side of SQLite's SweepProvenance: sweep.datasetChecksum and sweep.regsweepVersion. */
export class SweepProvenance1764430000000 implements MigrationInterface {
  name = 'SweepProvenance1764430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" ADD COLUMN "datasetChecksum" varchar`);
    await queryRunner.query(`ALTER TABLE "sweep" ADD COLUMN "regsweepVersion" varchar`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" DROP COLUMN "regsweepVersion"`);
    await queryRunner.query(`ALTER TABLE "sweep" DROP COLUMN "datasetChecksum"`);
  }
}
