import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tracking (issue 15, "Find"): a sweep's tags and notes, and what `GET /api/sweeps` filters and sorts on as columns
 * and rows instead of inside JSON: `model` (config.model), `bestValidation` (the stored best model's validation
 * mean), the tags (`sweep_tag`) and the config's penalty kinds (`sweep_penalty`), each with its index. Existing
 * sweeps get theirs from their stored config and best model; their tags and notes stay NULL (none).
 * PostgreSQL's migration of the same timestamp makes the same changes.
 */
export class SweepTracking1764450000000 implements MigrationInterface {
  name = 'SweepTracking1764450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [column, type] of [
      ['tags', 'text'],
      ['notes', 'text'],
      ['model', 'varchar'],
      ['bestValidation', 'real'],
    ]) {
      await queryRunner.query(`ALTER TABLE "sweep" ADD COLUMN "${column}" ${type}`);
    }
    await queryRunner.query(
      `UPDATE "sweep" SET "model" = json_extract("config", '$.model'), ` +
        `"bestValidation" = CASE WHEN "best" IS NULL THEN NULL ELSE json_extract("best", '$.validation.mean') END`,
    );
    await queryRunner.query(
      `CREATE TABLE "sweep_tag" ("sweepId" varchar NOT NULL, "tag" varchar NOT NULL, CONSTRAINT "FK_d8f428dc3daa8c4b9fa9e08bc99" FOREIGN KEY ("sweepId") REFERENCES "sweep" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("sweepId", "tag"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sweep_penalty" ("sweepId" varchar NOT NULL, "penalty" varchar NOT NULL, CONSTRAINT "FK_c26d83390f624e9396b257d7576" FOREIGN KEY ("sweepId") REFERENCES "sweep" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("sweepId", "penalty"))`,
    );
    await queryRunner.query(
      `INSERT OR IGNORE INTO "sweep_penalty" ("sweepId", "penalty") ` +
        `SELECT "sweep"."id", "penalties"."value" FROM "sweep", json_each("sweep"."config", '$.penalties') AS "penalties"`,
    );
    for (const [index, table, columns] of SWEEP_TRACKING_INDEXES) {
      await queryRunner.query(`CREATE INDEX "${index}" ON "${table}" (${columns})`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [index] of SWEEP_TRACKING_INDEXES.filter(([, table]) => table === 'sweep')) {
      await queryRunner.query(`DROP INDEX "${index}"`);
    }
    await queryRunner.query(`DROP TABLE "sweep_penalty"`);
    await queryRunner.query(`DROP TABLE "sweep_tag"`);
    for (const column of ['bestValidation', 'model', 'notes', 'tags']) {
      await queryRunner.query(`ALTER TABLE "sweep" DROP COLUMN "${column}"`);
    }
  }
}

/**
 * [name, table, columns]: what the list's filters and sorts look up (the entities declare the same). PostgreSQL's
 * name index is COLLATE "C", the byte order its sort uses.
 */
export const SWEEP_TRACKING_INDEXES: readonly [string, string, string][] = [
  ['IDX_sweep_datasetId', 'sweep', '"datasetId"'],
  ['IDX_sweep_scheduleId', 'sweep', '"scheduleId"'],
  ['IDX_sweep_model', 'sweep', '"model"'],
  ['IDX_sweep_name', 'sweep', '"name"'],
  ['IDX_sweep_bestValidation', 'sweep', '"bestValidation"'],
  ['IDX_sweep_tag_tag', 'sweep_tag', '"tag", "sweepId"'],
  ['IDX_sweep_penalty_penalty', 'sweep_penalty', '"penalty", "sweepId"'],
];
