import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole schema on PostgreSQL: the tables the SQLite migrations in migrations/ have built by DatasetChunks
 * (datasets and their value chunks, sweeps, tasks, trials, fold results, schedules and firings, API tokens), with
 * the same names, keys and indexes. The types are PostgreSQL's own: metrics are `double precision` (float8, so a
 * stored double reads back bit for bit; `real` would be float4 here), dates `timestamptz`, values `bytea`.
 * JSON columns stay `text`, as TypeORM's simple-json stores them on SQLite: jsonb would reorder a report's keys.
 */
export class PostgresSchema1764400000000 implements MigrationInterface {
  name = 'PostgresSchema1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE "dataset" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "version" integer NOT NULL, "target" varchar NOT NULL, "task" varchar NOT NULL, "rows" integer NOT NULL, "features" text NOT NULL, "builtin" boolean NOT NULL DEFAULT false, "source" text, "createdAt" timestamptz NOT NULL, CONSTRAINT "UQ_dataset_name_version" UNIQUE ("name", "version"))`,
      `CREATE TABLE "dataset_chunk" ("datasetId" varchar NOT NULL, "vector" varchar NOT NULL, "byteOffset" integer NOT NULL, "bytes" bytea NOT NULL, CONSTRAINT "PK_dataset_chunk" PRIMARY KEY ("datasetId", "vector", "byteOffset"), CONSTRAINT "FK_dataset_chunk_dataset" FOREIGN KEY ("datasetId") REFERENCES "dataset" ("id") ON DELETE CASCADE)`,
      `CREATE TABLE "schedule" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "cron" varchar NOT NULL, "timezone" varchar NOT NULL, "enabled" boolean NOT NULL, "overlap" varchar NOT NULL, "sweep" text NOT NULL, "createdAt" timestamptz NOT NULL, "updatedAt" timestamptz NOT NULL)`,
      `CREATE TABLE "sweep" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "datasetId" varchar NOT NULL, "datasetVersion" integer NOT NULL, "config" text NOT NULL, "status" varchar NOT NULL, "progressDone" integer NOT NULL DEFAULT 0, "progressTotal" integer NOT NULL DEFAULT 0, "error" text, "scheduleId" varchar, "createdAt" timestamptz NOT NULL, "startedAt" timestamptz, "finishedAt" timestamptz, "report" text, CONSTRAINT "FK_sweep_dataset" FOREIGN KEY ("datasetId") REFERENCES "dataset" ("id") ON DELETE RESTRICT, CONSTRAINT "FK_sweep_schedule" FOREIGN KEY ("scheduleId") REFERENCES "schedule" ("id") ON DELETE SET NULL)`,
      `CREATE INDEX "IDX_sweep_createdAt" ON "sweep" ("createdAt")`,
      `CREATE INDEX "IDX_sweep_status" ON "sweep" ("status")`,
      `CREATE TABLE "task" ("id" serial PRIMARY KEY, "sweepId" varchar NOT NULL, "key" varchar NOT NULL, "curve" integer NOT NULL, "fold" integer NOT NULL, "status" varchar NOT NULL, "attempts" integer NOT NULL DEFAULT 0, "error" text, CONSTRAINT "UQ_task_key" UNIQUE ("key"), CONSTRAINT "FK_task_sweep" FOREIGN KEY ("sweepId") REFERENCES "sweep" ("id") ON DELETE CASCADE)`,
      `CREATE INDEX "IDX_task_sweepId" ON "task" ("sweepId")`,
      `CREATE TABLE "trial" ("id" serial PRIMARY KEY, "sweepId" varchar NOT NULL, "key" varchar NOT NULL, "curve" integer NOT NULL, "lambdaIndex" integer NOT NULL, "penalty" varchar NOT NULL, "l1Ratio" double precision NOT NULL, "lambda" double precision NOT NULL, "status" varchar NOT NULL, "trainMean" double precision, "validationMean" double precision, "validationSd" double precision, "gap" double precision, "nonzeros" integer, "intercept" double precision, "coefficients" text, "iterations" integer, "converged" boolean, "reason" text, CONSTRAINT "UQ_trial_key" UNIQUE ("key"), CONSTRAINT "FK_trial_sweep" FOREIGN KEY ("sweepId") REFERENCES "sweep" ("id") ON DELETE CASCADE)`,
      // One index per sortable column of GET /api/sweeps/:id/trials, each led by sweepId (as on SQLite).
      ...['penalty', 'nonzeros', 'gap', 'trainMean', 'validationMean', 'lambda'].map(
        (column) => `CREATE INDEX "IDX_trial_sweep_${column}" ON "trial" ("sweepId", "${column}")`,
      ),
      `CREATE INDEX "IDX_trial_sweep_curve" ON "trial" ("sweepId", "curve", "lambdaIndex")`,
      `CREATE TABLE "fold_result" ("id" serial PRIMARY KEY, "trialId" integer NOT NULL, "fold" integer NOT NULL, "trainSize" integer NOT NULL, "validationSize" integer NOT NULL, "train" double precision, "validation" double precision, "iterations" integer NOT NULL, "converged" boolean NOT NULL, "status" varchar NOT NULL, "reason" text, "learningCurve" text, CONSTRAINT "UQ_fold_result_trial_fold" UNIQUE ("trialId", "fold"), CONSTRAINT "FK_fold_result_trial" FOREIGN KEY ("trialId") REFERENCES "trial" ("id") ON DELETE CASCADE)`,
      `CREATE TABLE "schedule_firing" ("id" serial PRIMARY KEY, "scheduleId" varchar NOT NULL, "firedAt" timestamptz NOT NULL, "outcome" varchar NOT NULL, "sweepId" varchar, "reason" text, CONSTRAINT "FK_schedule_firing_schedule" FOREIGN KEY ("scheduleId") REFERENCES "schedule" ("id") ON DELETE CASCADE, CONSTRAINT "FK_schedule_firing_sweep" FOREIGN KEY ("sweepId") REFERENCES "sweep" ("id") ON DELETE SET NULL)`,
      `CREATE INDEX "IDX_schedule_firing_schedule_firedAt" ON "schedule_firing" ("scheduleId", "firedAt")`,
      `CREATE TABLE "api_token" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar, "secretHash" varchar NOT NULL, "createdAt" timestamptz NOT NULL, "revokedAt" timestamptz)`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'api_token',
      'schedule_firing',
      'fold_result',
      'trial',
      'task',
      'sweep',
      'schedule',
      'dataset_chunk',
      'dataset',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
