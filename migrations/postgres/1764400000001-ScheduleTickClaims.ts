import { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per schedule tick some server fired (database/schedule-tick-claims.ts): several servers, one firing. */
export class ScheduleTickClaims1764400000001 implements MigrationInterface {
  name = 'ScheduleTickClaims1764400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "schedule_tick_claim" ("scheduleId" varchar NOT NULL, "tickAt" timestamptz NOT NULL, CONSTRAINT "PK_schedule_tick_claim" PRIMARY KEY ("scheduleId", "tickAt"), CONSTRAINT "FK_schedule_tick_claim_schedule" FOREIGN KEY ("scheduleId") REFERENCES "schedule" ("id") ON DELETE CASCADE)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "schedule_tick_claim"`);
  }
}
