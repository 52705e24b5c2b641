import { MigrationInterface, QueryRunner } from 'typeorm';
import { SWEEP_TRACKING_INDEXES } from '../1764450000000-SweepTracking';

/** PostgreSQL's side of SQLite's SweepTracking: tags, notes, model, bestValidation, sweep_tag, sweep_penalty. */
export class PostgresSweepTracking1764450000000 implements MigrationInterface {
  name = 'PostgresSweepTracking1764450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "sweep" ADD COLUMN "tags" text, ADD COLUMN "notes" text, ADD COLUMN "model" varchar, ' +
        'ADD COLUMN "bestValidation" double precision',
    );
    await queryRunner.query(
      `UPDATE "sweep" SET "model" = "config"::json ->> 'model', ` +
        `"bestValidation" = ("best"::json -> 'validation' ->> 'mean')::double precision`,
    );
    for (const [table, column] of [
      ['sweep_tag', 'tag'],
      ['sweep_penalty', 'penalty'],
    ]) {
      await queryRunner.query(
        `CREATE TABLE "${table}" ("sweepId" varchar NOT NULL, "${column}" varchar NOT NULL, ` +
          `CONSTRAINT "PK_${table}" PRIMARY KEY ("sweepId", "${column}"), ` +
          `CONSTRAINT "FK_${table}_sweep" FOREIGN KEY ("sweepId") REFERENCES "sweep" ("id") ON DELETE CASCADE)`,
      );
    }
    await queryRunner.query(
      `INSERT INTO "sweep_penalty" ("sweepId", "penalty") ` +
        `SELECT DISTINCT "id", json_array_elements_text("config"::json -> 'penalties') FROM "sweep" ON CONFLICT DO NOTHING`,
    );
    for (const [index, table, columns] of SWEEP_TRACKING_INDEXES) {
      const collated = index === 'IDX_sweep_name' ? '"name" COLLATE "C"' : columns;
      await queryRunner.query(`CREATE INDEX "${index}" ON "${table}" (${collated})`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [index] of SWEEP_TRACKING_INDEXES.filter(([, table]) => table === 'sweep')) {
      await queryRunner.query(`DROP INDEX "${index}"`);
    }
    await queryRunner.query('DROP TABLE "sweep_penalty"');
    await queryRunner.query('DROP TABLE "sweep_tag"');
    await queryRunner.query(
      'ALTER TABLE "sweep" DROP COLUMN "bestValidation", DROP COLUMN "model", DROP COLUMN "notes", DROP COLUMN "tags"',
    );
  }
}
