/**
 * `node dist/bench/src/mlp-epoch.js [--epochs 5]`: time per epoch of the MLP engine beside scikit-learn's
 * MLPRegressor (same architecture, batch size 200, adam, one thread, timed inside Python in the same run) on
 * uniform synthetic data, y = sin(3x₀) + x₁x₂. Not part of `npm run bench` yet; its figures go to docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { mulberry32, trainMlp, type RowMajorRows } from '@regsweep/engine';

const CASES: [number, number, number[]][] = [
  [5000, 20, [64]],
  [5000, 20, [128, 64]],
  [20000, 50, [64]],
  [20000, 50, [128, 64]],
];
const BATCH = 200;

function syntheticRows(n: number, p: number, seed: number): RowMajorRows {
  const uniform = mulberry32(seed);
  const x = Float64Array.from({ length: n * p }, () => 2 * uniform() - 1);
  const y = Float64Array.from({ length: n }, (_, i) => Math.sin(3 * x[i * p]) + x[i * p + 1] * x[i * p + 2]);
  return { x, y, rows: n, cols: p };
}

function regsweepMsPerEpoch(n: number, p: number, hidden: number[], epochs: number): number {
  const train = syntheticRows(n, p, 1);
  const run = (count: number) =>
    trainMlp({
      network: { hidden, activation: 'relu', output: 'linear' },
      solver: { kind: 'adam', learningRate: 0.001, epochs: count, batchSize: BATCH, seed: 1 },
      penalty: { lambda: 1e-4, l1Ratio: 0 },
      train,
    });
  run(1); // compile first
  const start = process.hrtime.bigint();
  run(epochs);
  return Number(process.hrtime.bigint() - start) / 1e6 / epochs;
}

const SKLEARN = `
import os, sys, time, warnings
for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"): os.environ[v] = "1"
import numpy as np
from sklearn.neural_network import MLPRegressor
warnings.filterwarnings("ignore")
n, p, epochs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]); hidden = tuple(int(h) for h in sys.argv[4].split(","))
rng = np.random.default_rng(1); x = rng.uniform(-1, 1, (n, p)); y = np.sin(3 * x[:, 0]) + x[:, 1] * x[:, 2]
make = lambda e: MLPRegressor(hidden_layer_sizes=hidden, batch_size=${BATCH}, max_iter=e, solver="adam", alpha=1e-4 * ${BATCH}, tol=0, n_iter_no_change=10**9, random_state=1)
make(1).fit(x, y)
t = time.perf_counter(); make(epochs).fit(x, y); print((time.perf_counter() - t) / epochs * 1000)
`;

function sklearnMsPerEpoch(n: number, p: number, hidden: number[], epochs: number): number | null {
  const args = ['-c', SKLEARN, String(n), String(p), String(epochs), hidden.join(',')];
  const result = spawnSync('/usr/bin/python3', args, { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : null;
}

const epochsFlag = process.argv.indexOf('--epochs');
const epochs = epochsFlag > 0 ? Number(process.argv[epochsFlag + 1]) : 5;
console.log(
  `mlp time per epoch (batch ${BATCH}, adam, ${epochs} epochs timed); load average ${loadavg()[0].toFixed(2)}`,
);
for (const [n, p, hidden] of CASES) {
  const ours = regsweepMsPerEpoch(n, p, hidden, epochs);
  const theirs = sklearnMsPerEpoch(n, p, hidden, epochs);
  const ratio = theirs ? ` ratio ${(ours / theirs).toFixed(2)}×` : '';
  console.log(
    `${n}×${p} [${hidden}]  regsweep ${ours.toFixed(1)} ms  scikit-learn ${theirs?.toFixed(1) ?? 'n/a'} ms${ratio}`,
  );
}
