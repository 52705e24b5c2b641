/**
 * Time per epoch of the MLP engine beside scikit-learn's MLPRegressor / MLPClassifier (bench/sklearn_mlp_epoch.py,
 * timed inside Python in the same run): the same rows (written once to a float64 file both read), the same
 * architecture, batch 200, adam, λ 1e-4 (alpha 1e-4·200), one thread on both sides. Data: inputs uniform in ±1,
 * s = sin(3x₀) + x₁x₂; regression y = s, binary y = 1[s > 0], multiclass y = s's quintile bin (5 classes, softmax).
 * Both figures are marginal, (best of R fits of 1 + E epochs − best of R fits of 1 epoch)/E, so neither side's
 * set-up (initialisation, the start and end losses over all rows) is counted as epoch time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mulberry32, trainMlp, type MlpNetwork, type RowMajorRows } from '@regsweep/engine';
import { anchors } from '../anchors';
import type { BenchRow } from '../report-table';

export const MLP_EPOCH_CASES: readonly [number, number, number[]][] = [
  [5000, 20, [64]],
  [5000, 20, [128, 64]],
  [20000, 50, [64]],
  [20000, 50, [128, 64]],
];
/** The classifier rows: MLPClassifier's logistic (binary) and softmax (5-class) outputs. */
export const MLP_CLASSIFIER_CASES: readonly [number, number, number[], Task][] = [
  [5000, 20, [64], 'binary'],
  [5000, 20, [64], 'multiclass'],
  [20000, 50, [128, 64], 'binary'],
  [20000, 50, [128, 64], 'multiclass'],
];
type Task = 'regression' | 'binary' | 'multiclass';
const CLASSES = 5;
const BATCH = 200;
const REPEATS = 3;
const script = resolve(__dirname, '../../../../bench/sklearn_mlp_epoch.py');

function syntheticRows(n: number, p: number, task: Task = 'regression'): RowMajorRows {
  const uniform = mulberry32(1);
  const x = Float64Array.from({ length: n * p }, () => 2 * uniform() - 1);
  const s = Float64Array.from({ length: n }, (_, i) => Math.sin(3 * x[i * p]) + x[i * p + 1] * x[i * p + 2]);
  if (task === 'regression') return { x, y: s, rows: n, cols: p };
  if (task === 'binary') return { x, y: s.map((v) => (v > 0 ? 1 : 0)), rows: n, cols: p };
  const sorted = Float64Array.from(s).sort();
  const cuts = Array.from({ length: CLASSES - 1 }, (_, k) => sorted[Math.floor(((k + 1) * n) / CLASSES)]);
  return { x, y: s.map((v) => cuts.filter((cut) => v >= cut).length), rows: n, cols: p };
}

function networkOf(hidden: number[], task: Task): MlpNetwork {
  if (task === 'regression') return { hidden, activation: 'relu', output: 'linear' };
  if (task === 'binary') return { hidden, activation: 'relu', output: 'logistic' };
  return { hidden, activation: 'relu', output: 'softmax', classes: CLASSES };
}

function bestFitSeconds(train: RowMajorRows, network: MlpNetwork, epochs: number): number {
  let best = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const start = process.hrtime.bigint();
    trainMlp({
      network,
      solver: { kind: 'adam', learningRate: 1e-3, epochs, batchSize: BATCH, seed: 1 },
      penalty: { lambda: 1e-4, l1Ratio: 0 },
      train,
    });
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return best;
}

function regsweepMsPerEpoch(train: RowMajorRows, network: MlpNetwork, epochs: number): number {
  // Compile first, on fits as long as the measured ones: after 3 fits of 1 epoch V8 was still optimizing during the
  // next longer fits, which made the first case of a process (the classifier rows' logistic one) look 1.4× slower
  // than the same network on a linear output (docs/benchmarks.md, 'MLP time per epoch').
  bestFitSeconds(train, network, 1 + epochs);
  return ((bestFitSeconds(train, network, 1 + epochs) - bestFitSeconds(train, network, 1)) / epochs) * 1000;
}

function sklearnMsPerEpoch(
  train: RowMajorRows,
  hidden: number[],
  epochs: number,
  task: Task = 'regression',
): number | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'regsweep-mlp-epoch-'));
  try {
    const file = join(dir, 'rows.f64');
    const values = new Float64Array(train.x.length + train.y.length);
    values.set(train.x);
    values.set(train.y, train.x.length);
    writeFileSync(file, values);
    const args = [script, file, train.rows, train.cols, hidden.join(','), BATCH, epochs, REPEATS].map(String);
    if (task !== 'regression') args.push('classifier');
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
    const ours = regsweepMsPerEpoch(train, networkOf(hidden, 'regression'), epochs);
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

/** The same for classifiers: logistic output against MLPClassifier on 2 classes, softmax on 5. */
export function mlpClassifierEpochJobs(withSklearn: boolean): BenchRow[] {
  return MLP_CLASSIFIER_CASES.map(([n, p, hidden, task]) => {
    const train = syntheticRows(n, p, task);
    const epochs = n * p > 1e5 ? 3 : 5;
    const ours = regsweepMsPerEpoch(train, networkOf(hidden, task), epochs);
    const theirs = withSklearn ? sklearnMsPerEpoch(train, hidden, epochs, task) : undefined;
    const output = task === 'binary' ? 'logistic output, 2 classes' : `softmax output, ${CLASSES} classes`;
    return {
      job: `MLP classifier time per epoch, ${n}×${p}, hidden [${hidden.join(', ')}], relu, ${output}, adam, batch ${BATCH}, 1 thread`,
      regsweep: ours / 1000,
      anchorName: 'scikit-learn MLPClassifier (1 BLAS thread, timed in Python)',
      anchor: theirs === undefined ? undefined : theirs / 1000,
      unit: 'seconds',
      note: `marginal: (best of ${REPEATS} fits of ${1 + epochs} epochs − best of ${REPEATS} of 1)/${epochs}`,
    };
  });
}
