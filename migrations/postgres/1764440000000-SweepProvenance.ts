import { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL's side of SQLite's SweepProvenance: sweep.datasetChecksum and sweep.regsweepVersion. */
export class PostgresSweepProvenance1764440000000 implements MigrationInterface {
  name = 'PostgresSweepProvenance1764440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" ADD COLUMN "datasetChecksum" varchar`);
    await queryRunner.query(`ALTER TABLE "sweep" ADD COLUMN "regsweepVersion" varchar`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" DROP COLUMN "regsweepVersion"`);
    await queryRunner.query(`ALTER TABLE "sweep" DROP COLUMN "datasetChecksum"`);
  }
}
