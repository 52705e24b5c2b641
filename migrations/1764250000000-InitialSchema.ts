import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema: datasets (with their values as BLOBs), sweeps, tasks, trials and per-fold results.
 * Equal to what `migration:generate` produces from the entities (a generate after it finds no changes).
 */
export class InitialSchema1764250000000 implements MigrationInterface {
  name = 'InitialSchema1764250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dataset" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "version" integer NOT NULL, "target" varchar NOT NULL, "task" varchar NOT NULL, "rows" integer NOT NULL, "features" text NOT NULL, "builtin" boolean NOT NULL DEFAULT (0), "source" text, "createdAt" datetime NOT NULL, CONSTRAINT "UQ_dataset_name_version" UNIQUE ("name", "version"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "dataset_data" ("datasetId" varchar PRIMARY KEY NOT NULL, "x" blob NOT NULL, "y" blob NOT NULL, CONSTRAINT "FK_41a8150c47d724782cbebb18ebe" FOREIGN KEY ("datasetId") REFERENCES "dataset" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "sweep" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "datasetId" varchar NOT NULL, "datasetVersion" integer NOT NULL, "config" text NOT NULL, "status" varchar NOT NULL, "progressDone" integer NOT NULL DEFAULT (0), "progressTotal" integer NOT NULL DEFAULT (0), "error" text, "scheduleId" varchar, "createdAt" datetime NOT NULL, "startedAt" datetime, "finishedAt" datetime, "report" text, CONSTRAINT "FK_797801be3e68ec055e96817b326" FOREIGN KEY ("datasetId") REFERENCES "dataset" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_sweep_status" ON "sweep" ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_sweep_createdAt" ON "sweep" ("createdAt") `);
    await queryRunner.query(
      `CREATE TABLE "task" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "sweepId" varchar NOT NULL, "key" varchar NOT NULL, "curve" integer NOT NULL, "fold" integer NOT NULL, "status" varchar NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "error" text, CONSTRAINT "UQ_45cd03f9626d4bf7de9a1e69c2a" UNIQUE ("key"), CONSTRAINT "FK_ffaf8ce15cbc60e4e33b6f4562b" FOREIGN KEY ("sweepId") REFERENCES "sweep" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_task_sweepId" ON "task" ("sweepId") `);
    await queryRunner.query(
      `CREATE TABLE "trial" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "sweepId" varchar NOT NULL, "key" varchar NOT NULL, "curve" integer NOT NULL, "lambdaIndex" integer NOT NULL, "penalty" varchar NOT NULL, "l1Ratio" real NOT NULL, "lambda" real NOT NULL, "status" varchar NOT NULL, "trainMean" real, "validationMean" real, "validationSd" real, "gap" real, "nonzeros" integer, "intercept" real, "coefficients" text, "iterations" integer, "converged" boolean, "reason" text, CONSTRAINT "UQ_c94fa5b8e78e181f2d7f9e64968" UNIQUE ("key"), CONSTRAINT "FK_24310f842e28d25ce84e6add855" FOREIGN KEY ("sweepId") REFERENCES "sweep" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    // One index per sortable column of GET /api/sweeps/:id/trials, each led by sweepId.
    for (const column of ['penalty', 'nonzeros', 'gap', 'trainMean', 'validationMean', 'lambda']) {
      await queryRunner.query(`CREATE INDEX "IDX_trial_sweep_${column}" ON "trial" ("sweepId", "${column}") `);
    }
    await queryRunner.query(
      `CREATE TABLE "fold_result" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "trialId" integer NOT NULL, "fold" integer NOT NULL, "trainSize" integer NOT NULL, "validationSize" integer NOT NULL, "train" real, "validation" real, "iterations" integer NOT NULL, "converged" boolean NOT NULL, "status" varchar NOT NULL, "reason" text, "learningCurve" text, CONSTRAINT "UQ_fold_result_trial_fold" UNIQUE ("trialId", "fold"), CONSTRAINT "FK_039012251ccb00d306ca87c1e77" FOREIGN KEY ("trialId") REFERENCES "trial" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "fold_result"`);
    await queryRunner.query(`DROP TABLE "trial"`);
    await queryRunner.query(`DROP TABLE "task"`);
    await queryRunner.query(`DROP TABLE "sweep"`);
    await queryRunner.query(`DROP TABLE "dataset_data"`);
    await queryRunner.query(`DROP TABLE "dataset"`);
  }
}
