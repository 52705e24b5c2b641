import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An mlp trial's full-data network (issues 12 and 14): `trial_network(trialId, parameters)`, the fold 0 fit's flat
 * float64 parameters (TrialNetworkEntity), so that the report and the export stop training the chosen network again.
 * Trials stored before have no row: their report trains it as before (report/mlp-chosen.ts). PostgreSQL's migration
 * of the same timestamp creates the same table (bytea).
 */
export class TrialNetworks1764540000000 implements MigrationInterface {
  name = 'TrialNetworks1764540000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "trial_network" ("trialId" integer PRIMARY KEY NOT NULL, "parameters" blob NOT NULL, CONSTRAINT "FK_57e3a68bbbd67bfb3006a4cd866" FOREIGN KEY ("trialId") REFERENCES "trial" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "trial_network"`);
  }
}
