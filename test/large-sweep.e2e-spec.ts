/**
 * A sweep on data large enough (n·(p+2)² ≥ 1e7, runner/data-size.ts) for the runner's shared route: every block's
 * cross products summed once on the pool and their sums added there too (sweep-cross-products.ts), fold tasks fitting
 * from them, threads that warm the engine up. Real server, real SQLite, real Piscina threads. The stored fold scores
 * must be, to the bit, those of evaluateFold given the same sums computed here in the same order (so the fold tasks
 * did fit from the shared sums: their own, centred elsewhere, differ in the last digits), within 1e-8 those of
 * evaluateFold summing its own, and the same bits on one thread as on two.
 */
import {
  addCrossProducts,
  crossProducts,
  evaluateFold,
  mulberry32,
  sampleCentre,
  type Dataset,
  type FoldCrossProducts,
  type SplitPlan,
} from '@regsweep/engine';
import { parseCsvDataset } from '@regsweep/datasets';
import { planSweep, validateSweepConfig } from '@regsweep/sweep';
import { uploadCsv, queryDb, startTestApp, waitForSweep, type TestApp } from './helpers/test-app';

jest.setTimeout(120_000);

const ROWS = 3000;
const FEATURES = 60; // 3000 · 62² = 1.15e7

/** y = the first 5 features' sum + noise, features uniform; 6 significant digits so the CSV round-trips exactly. */
function syntheticCsv(): string {
  const random = mulberry32(11);
  const digits = (value: number) => value.toPrecision(6);
  const lines = [[...Array.from({ length: FEATURES }, (_, j) => `x${j}`), 'y'].join(',')];
  for (let i = 0; i < ROWS; i++) {
    const x = Array.from({ length: FEATURES }, () => random() - 0.5);
    const y = x.slice(0, 5).reduce((sum, value) => sum + value, 0) + (random() - 0.5);
    lines.push([...x.map(digits), digits(y)].join(','));
  }
  return lines.join('\n') + '\n';
}

const CONFIG = {
  target: 'y',
  model: 'linear',
  penalties: ['none', 'l1', 'l2', 'elasticnet'],
  l1Ratios: [0.5],
  lambdas: { auto: { count: 20 } },
  split: { kind: 'kfold', folds: 5, seed: 7 },
  testFraction: 0.1, // test rows: the blocks' "others", left out of every fold
  metric: 'mse',
};

/**
 * The sums sweep-cross-products.ts makes, in its order: the centre from a sample of rows; per block (test rows, then
 * each fold's validation rows) AᵀA in chunks of ⌈n/8⌉ rows added in order; all rows' as the blocks added in order.
 */
function sharedSums(data: Dataset, split: SplitPlan): (fold: number) => FoldCrossProducts {
  const { centre, responseCentre } = sampleCentre(data);
  const chunkRows = Math.ceil(data.x.rows / 8);
  const blockSums = (rows: Int32Array) => {
    const chunks = [];
    for (let start = 0; start < rows.length; start += chunkRows)
      chunks.push(crossProducts(data, rows.slice(start, start + chunkRows), centre, responseCentre));
    return addCrossProducts(chunks, chunks[0].values);
  };
  const test = blockSums(split.testRows);
  const validation = new Map(split.folds.filter((f) => f.fold > 0).map((f) => [f.fold, blockSums(f.validationRows)]));
  const all = addCrossProducts([test, ...validation.values()], new Float64Array(test.values.length));
  const full = { ...all, centre, responseCentre };
  // Fold 0 (every fitting row) validates on the test rows; fold k on its own rows, leaving the test rows out.
  return (fold) =>
    fold === 0 ? { full, validation: test, others: null } : { full, validation: validation.get(fold)!, others: test };
}

interface FoldRow {
  curve: number;
  lambdaIndex: number;
  fold: number;
  train: number;
  validation: number | null;
  coefficients: string | null;
}

let t: TestApp;
let datasetId: string;
const csv = syntheticCsv();

beforeAll(async () => {
  t = await startTestApp();
  const upload = await uploadCsv(t.http, {
    name: 'large-synthetic',
    target: 'y',
    csv,
    fileName: 'large.csv',
  }).expect(201);
  datasetId = upload.body.id;
});
afterAll(async () => {
  await t?.close();
});

async function runSweep(name: string, concurrency: number): Promise<{ id: string; rows: FoldRow[] }> {
  const submitted = await t.http
    .post('/api/sweeps')
    .send({ ...CONFIG, name, dataset: datasetId, concurrency })
    .expect(202);
  const sweep = await waitForSweep(t.http, submitted.body.id);
  expect(sweep.status).toBe('succeeded');
  const rows = queryDb<FoldRow>(
    t.dbPath,
    'SELECT t.curve, t.lambdaIndex, f.fold, f.train, f.validation, t.coefficients FROM fold_result f ' +
      'JOIN trial t ON t.id = f.trialId WHERE t.sweepId = ? ORDER BY t.curve, t.lambdaIndex, f.fold',
    submitted.body.id,
  );
  return { id: submitted.body.id, rows };
}

describe('a sweep on large data', () => {
  let twoThreads: { id: string; rows: FoldRow[] };

  it('stores the fold scores the engine computes on its own', async () => {
    twoThreads = await runSweep('large on 2 threads', 2);
    const data: Dataset = parseCsvDataset(csv, { target: 'y' });
    const plan = planSweep(twoThreads.id, validateSweepConfig({ ...CONFIG, name: 'x', dataset: 'x' }), data);
    expect(plan.curves).toHaveLength(4);
    // The planned grid: 61 trials × (the full-data fit and 5 folds); the adaptive grid (on by default) adds its
    // extension curves after them (indices 4 and up), checked in adaptive-grid.e2e-spec.ts.
    expect(twoThreads.rows.filter((row) => row.curve < plan.curves.length)).toHaveLength((1 + 3 * 20) * 6);
    const sums = sharedSums(data, plan.split);
    let compared = 0;
    for (const curve of plan.curves) {
      const spec = {
        model: 'linear' as const,
        penalty: { kind: curve.penalty, l1Ratio: curve.l1Ratio },
        lambdas: curve.lambdas,
        standardize: true,
        solver: { kind: 'cd' as const, tolerance: 1e-7, maxIterations: 100_000 },
      };
      for (const fold of plan.split.folds) {
        const fromShared = evaluateFold(data, fold, spec, 'mse', undefined, sums(fold.fold));
        const ownSums = evaluateFold(data, fold, spec, 'mse');
        const stored = twoThreads.rows.filter((row) => row.curve === curve.index && row.fold === fold.fold);
        expect(stored).toHaveLength(curve.lambdas.length);
        for (const row of stored) {
          const j = row.lambdaIndex;
          expect(row.validation).toBe(fromShared.validation[j]);
          expect(row.train).toBe(fromShared.train[j]);
          expect(Math.abs(row.validation! - ownSums.validation[j])).toBeLessThan(1e-8 * ownSums.validation[j]);
          expect(Math.abs(row.train - ownSums.train[j])).toBeLessThan(1e-8 * ownSums.train[j]);
          compared++;
        }
      }
    }
    expect(compared).toBe((1 + 3 * 20) * 6); // none has one λ; l1, l2 and elastic net 20 each; 5 folds and fold 0
  });

  it('stores the same bits on one thread as on two', async () => {
    const oneThread = await runSweep('large on 1 thread', 1);
    expect(oneThread.rows.length).toBe(twoThreads.rows.length);
    expect(oneThread.rows).toEqual(twoThreads.rows);
  });
});
