/**
 * The data source for the TypeORM CLI (`npm run migration:generate -- migrations/Name`, `npm run migration:run`).
 * It runs compiled, from dist/migrations/data-source.js; REGSWEEP_DB picks the database file.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../apps/server/src/database/data-source-options';

export default new DataSource({
  ...dataSourceOptions(process.env.REGSWEEP_DB ?? 'data/regsweep.sqlite'),
  migrationsRun: false,
});
