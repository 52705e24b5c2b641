import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per sweep a server process runs or ran (database/sweep-leases.ts): several servers on one database, each
 * sweep run by one of them, taken over when its server dies. PostgreSQL only: a SQLite file has one server.
 */
export class SweepLeases1764498000000 implements MigrationInterface {
  name = 'SweepLeases1764498000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sweep_lease" ("sweepId" varchar NOT NULL, "owner" varchar NOT NULL, "expiresAt" timestamptz NOT NULL, CONSTRAINT "PK_sweep_lease" PRIMARY KEY ("sweepId"), CONSTRAINT "FK_sweep_lease_sweep" FOREIGN KEY ("sweepId") REFERENCES "sweep" ("id") ON DELETE CASCADE)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sweep_lease"`);
  }
}
