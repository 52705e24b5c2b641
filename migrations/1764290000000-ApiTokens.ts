import { MigrationInterface, QueryRunner } from 'typeorm';

/** API tokens (issue 6): only the SHA-256 of each token's secret is stored; revoked tokens are kept, marked. */
export class ApiTokens1764290000000 implements MigrationInterface {
  name = 'ApiTokens1764290000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_token" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar, "secretHash" varchar NOT NULL, "createdAt" datetime NOT NULL, "revokedAt" datetime)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "api_token"`);
  }
}
