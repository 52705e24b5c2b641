import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provenance of a sweep (issue 15, "Reproduce"): the checksum of the dataset values it ran on and the regsweep
 * version it was submitted to. Older sweeps keep NULL: neither can be known after the fact.
 */
export class SweepProvenance1764440000000 implements MigrationInterface {
  name = 'SweepProvenance1764440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" ADD COLUMN "datasetChecksum" varchar`);
    await queryRunner.query(`ALTER TABLE "sweep" ADD COLUMN "regsweepVersion" varchar`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sweep" DROP COLUMN "regsweepVersion"`);
    await queryRunner.query(`ALTER TABLE "sweep" DROP COLUMN "datasetChecksum"`);
  }
}
