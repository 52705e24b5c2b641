/**
 * Time per epoch of the MLP engine beside scikit-learn's MLPRegressor (bench/sklearn_mlp_epoch.py, timed inside
 * Python in the same run): the same rows (written once to a float64 file both read), the same architecture, batch
 * 200, adam, λ 1e-4 (alpha 1e-4·200), one thread on both sides. Data: inputs uniform in ±1, y = sin(3x₀) + x₁x₂.
 * Both figures are marginal, (best of R fits of 1 + E epochs − best of R fits of 1 epoch)/E, so neither side's
 * set-up (initialisation, the start and end losses over all rows) is counted as epoch time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mulberry32, trainMlp, type RowMajorRows } from '@regsweep/engine';
import { anchors } from '../anchors';
import type { BenchRow } from '../report-table';

export const MLP_EPOCH_CASES: readonly [number, number, number[]][] = [
  [5000, 20, [64]],
  [5000, 20, [128, 64]],
  [20000, 50, [64]],
  [20000, 50, [128, 64]],
];
const BATCH = 200;
const REPEATS = 3;
const script = resolve(__dirname, '../../../../bench/sklearn_mlp_epoch.py');

function syntheticRows(n: number, p: number): RowMajorRows {
  const uniform = mulberry32(1);
  const x = Float64Array.from({ length: n * p }, () => 2 * uniform() - 1);
  const y = Float64Array.from({ length: n }, (_, i) => Math.sin(3 * x[i * p]) + x[i * p + 1] * x[i * p + 2]);
  return { x, y, rows: n, cols: p };
}

function bestFitSeconds(train: RowMajorRows, hidden: number[], epochs: number): number {
  let best = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const start = process.hrtime.bigint();
    trainMlp({
      network: { hidden, activation: 'relu', output: 'linear' },
      solver: { kind: 'adam', learningRate: 1e-3, epochs, batchSize: BATCH, seed: 1 },
      penalty: { lambda: 1e-4, l1Ratio: 0 },
      train,
    });
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return best;
}

function regsweepMsPerEpoch(train: RowMajorRows, hidden: number[], epochs: number): number {
  bestFitSeconds(train, hidden, 1); // compile first
  return ((bestFitSeconds(train, hidden, 1 + epochs) - bestFitSeconds(train, hidden, 1)) / epochs) * 1000;
}

function sklearnMsPerEpoch(train: RowMajorRows, hidden: number[], epochs: number): number | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'regsweep-mlp-epoch-'));
  try {
    const file = join(dir, 'rows.f64');
    const values = new Float64Array(train.x.length + train.y.length);
    values.set(train.x);
    values.set(train.y, train.x.length);
    writeFileSync(file, values);
    const args = [script, file, train.rows, train.cols, hidden.join(','), BATCH, epochs, REPEATS].map(String);
    const run = spawnSync(anchors.python, args, { encoding: 'utf8' });
    return run.status === 0 ? Number(run.stdout.trim()) : undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function mlpEpochJobs(withSklearn: boolean): BenchRow[] {
  return MLP_EPOCH_CASES.map(([n, p, hidden]) => {
    const train = syntheticRows(n, p);
    const epochs = n * p > 1e5 ? 3 : 5;
    const ours = regsweepMsPerEpoch(train, hidden, epochs);
    const theirs = withSklearn ? sklearnMsPerEpoch(train, hidden, epochs) : undefined;
    return {
      job: `MLP time per epoch, ${n}×${p}, hidden [${hidden.join(', ')}], relu, adam, batch ${BATCH}, 1 thread`,
      regsweep: ours / 1000,
      anchorName: 'scikit-learn MLPRegressor (1 BLAS thread, timed in Python)',
      anchor: theirs === undefined ? undefined : theirs / 1000,
      unit: 'seconds',
      note: `marginal: (best of ${REPEATS} fits of ${1 + epochs} epochs − best of ${REPEATS} of 1)/${epochs}`,
    };
  });
}
