import { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL's side of SQLite's TrialNetworks: an mlp trial's full-data network parameters (float64 bytes, bytea). */
export class PostgresTrialNetworks1764540000000 implements MigrationInterface {
  name = 'PostgresTrialNetworks1764540000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "trial_network" ("trialId" integer NOT NULL, "parameters" bytea NOT NULL, ` +
        `CONSTRAINT "PK_trial_network" PRIMARY KEY ("trialId"), ` +
        `CONSTRAINT "FK_trial_network_trial" FOREIGN KEY ("trialId") REFERENCES "trial" ("id") ON DELETE CASCADE)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "trial_network"`);
  }
}
