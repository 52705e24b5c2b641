import { MigrationInterface, QueryRunner } from 'typeorm';

/** A column added without a default: the rows already there read NULL, so no backfill is needed. */
export interface NullableColumn {
  table: string;
  column: string;
  /** The SQL type, as the driver spells it. */
  type: string;
}

/**
 * A migration that only adds nullable columns, in order; `down` drops them in the reverse order. The statements are
 * the same on SQLite and PostgreSQL. This file is not a migration (the migration globs match `<timestamp>-<Name>`).
 */
export abstract class AddNullableColumnsMigration implements MigrationInterface {
  abstract readonly name: string;
  protected abstract readonly columns: readonly NullableColumn[];

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, column, type } of this.columns) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "${column}" ${type}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, column } of [...this.columns].reverse()) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
    }
  }
}
