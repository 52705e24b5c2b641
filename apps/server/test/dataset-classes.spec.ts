/**
 * A dataset's class labels are stored with it, on both drivers (the `classes` column of the ClassLabels migrations):
 * a multiclass dataset gives back its labels in index order, a numeric one null; a multinomial sweep reads them.
 */
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DatasetRepository, type NewDataset } from '../src/datasets/dataset.repository';
import { PgDatasetRepository } from '../src/store/postgres/pg-dataset-repository';
import { openPostgres, quoteIdentifier } from '../src/store/postgres/postgres-connection';
import { TEST_POSTGRES_URL } from './store-drivers';
import { openTestDatabase } from './test-database';

const LABELS = ['Iris "setosa"', 'b,c', 'ünï'];

function dataset(name: string, classes: string[] | null): NewDataset {
  return {
    name,
    target: 'species',
    task: classes ? 'multiclass' : 'regression',
    rows: 3,
    features: ['a'],
    classes,
    builtin: false,
    source: null,
    createdAt: new Date(),
    x: new Float64Array([1, 2, 3]),
    y: new Float64Array(classes ? [2, 0, 1] : [0.5, 1, 2]),
  };
}

interface DatasetStore {
  create(dataset: NewDataset): Promise<{ id: string }>;
  findById(id: string): Promise<{ classes: string[] | null } | null>;
  setClasses(id: string, classes: readonly string[]): Promise<void>;
}

async function roundTrip(repository: DatasetStore): Promise<void> {
  const labelled = await repository.create(dataset('labelled', LABELS));
  const numeric = await repository.create(dataset('numeric', null));
  expect((await repository.findById(labelled.id))?.classes).toEqual(LABELS);
  expect((await repository.findById(numeric.id))?.classes).toBeNull();
  // Labels added to a dataset stored without them (a multiclass built-in from before the ClassLabels migration).
  await repository.setClasses(numeric.id, LABELS);
  expect((await repository.findById(numeric.id))?.classes).toEqual(LABELS);
}

it('SQLite stores a dataset with its class labels, and the built-in iris with its species', async () => {
  const db = await openTestDatabase();
  try {
    await roundTrip(new DatasetRepository(db.sqlite));
    await db.datasets.registerBuiltins();
    const iris = await db.datasets.resolve('iris');
    expect(iris.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    const loaded = await db.datasets.loadForSweep(iris);
    expect(loaded.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(new Set(loaded.y)).toEqual(new Set([0, 1, 2]));
    // A database from before the ClassLabels migration holds iris without labels: the next start adds them.
    await db.dataSource.query(`UPDATE dataset SET classes = NULL WHERE name = 'iris'`);
    expect((await db.datasets.resolve('iris')).classes).toBeNull();
    await db.datasets.registerBuiltins();
    expect((await db.datasets.resolve('iris')).classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect((await db.datasets.list(1, 100)).items.filter((d) => d.name === 'iris')).toHaveLength(1);
  } finally {
    await db.close();
  }
});

it('PostgreSQL stores a dataset with its class labels', async () => {
  const schema = `regsweep_test_${randomBytes(6).toString('hex')}`;
  const admin = await new DataSource({ type: 'postgres', url: TEST_POSTGRES_URL }).initialize();
  await admin.query(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
  const dataSource = await openPostgres(TEST_POSTGRES_URL, schema);
  try {
    await roundTrip(new PgDatasetRepository(dataSource));
  } finally {
    await dataSource.destroy();
    await admin.query(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
    await admin.destroy();
  }
});
