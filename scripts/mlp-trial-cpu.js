#!/usr/bin/env node
/**
 * CPU time per MLP trial of the bench's random search (bench/src/jobs/mlp-sweep-jobs.ts: 2000×10 rows from
 * mulberry32(7), relu, adam, 30 epochs, batch 64, l2), in this process: one trial = its 6 fold tasks
 * (`evaluateFold` as a worker thread runs it, with one FoldWorkspace kept from task to task: the full-data fit on
 * 2000 rows, then 5 folds of 1600 train / 400 validation rows). CPU by
 * process.cpuUsage (user + system) around each trial; one untimed trial per network first warms V8 up.
 * Prints, per hidden layout, the median and range of the timed trials, and a digest of every fold's validation score
 * and parameters, so two builds can be compared for identical results.
 *
 * A/B: run it alternately on two compiled trees (`npm run build` in each), e.g.
 *   for r in 1 2 3 4 5; do node scripts/mlp-trial-cpu.js ../old/dist; node scripts/mlp-trial-cpu.js dist; done
 * Usage: node scripts/mlp-trial-cpu.js [distDir (default: ./dist)] [trials per network (default 6)] [epochs (30)]
 */
'use strict';
const { createHash } = require('node:crypto');
const { resolve } = require('node:path');

const dist = resolve(process.argv[2] ?? 'dist');
const TRIALS = Number(process.argv[3] ?? 6);
const EPOCHS = Number(process.argv[4] ?? 30);
const engine = (path) => require(resolve(dist, 'libs/engine/src', path));
const { evaluateFold } = engine('cv/evaluate-fold.js');
const { FoldWorkspace } = engine('cv/gram-fold.js');
const { mulberry32 } = engine('cv/prng.js');
const { makeSplitPlan, validationFolds, fullDataFold } = engine('cv/splits.js');

const ROWS = 2000;
const COLS = 10;
const HIDDEN = [[16], [32], [32, 16]];

function benchData() {
  const uniform = mulberry32(7);
  const values = new Float64Array(ROWS * COLS);
  const y = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const x = Array.from({ length: COLS }, () => 2 * uniform() - 1);
    values.set(x, i * COLS);
    y[i] = Math.sin(3 * x[0]) + x[1] * x[2] + 0.1 * (2 * uniform() - 1);
  }
  const names = Array.from({ length: COLS }, (_, j) => `x${j}`);
  // A key, as a worker thread's shared dataset has (equal keys promise equal values: per-thread caches use it).
  return { x: { rows: ROWS, cols: COLS, values, names }, y, key: 'mlp-trial-cpu' };
}

function trialSpec(hidden) {
  return {
    model: 'linear',
    penalty: { kind: 'l2', l1Ratio: 0 },
    lambdas: Float64Array.of(1e-3),
    standardize: true,
    solver: { kind: 'cd', tolerance: 1e-7, maxIterations: 1e5 },
    mlp: {
      network: { hidden, activation: 'relu', output: 'linear' },
      solver: { kind: 'adam', learningRate: 0.005, epochs: EPOCHS, batchSize: 64, seed: 1 },
    },
  };
}

function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const data = benchData();
const plan = makeSplitPlan(ROWS, { kind: 'kfold', folds: 5, shuffle: true, seed: 0 }, 0, 0);
const folds = [fullDataFold(plan), ...validationFolds(plan)];
const workspace = new FoldWorkspace();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const hidden of HIDDEN) {
  const spec = trialSpec(hidden);
  const digest = createHash('sha256');
  const trial = () => folds.map((fold) => evaluateFold(data, fold, spec, 'mse', undefined, undefined, workspace));
  trial();
  const times = [];
  let results = [];
  for (let t = 0; t < TRIALS; t++) {
    const start = cpuMs();
    results = trial();
    times.push(cpuMs() - start);
  }
  for (const result of results) {
    digest.update(Float64Array.of(result.validation[0], result.train[0]));
    for (const fit of result.fits) digest.update(fit.coefficients).update(Float64Array.of(fit.objective));
  }
  const score = results.slice(1).reduce((sum, r) => sum + r.validation[0], 0) / (results.length - 1);
  console.log(
    `hidden [${hidden}] cpu/trial median ${median(times).toFixed(1)} ms (${Math.min(...times).toFixed(1)}–` +
      `${Math.max(...times).toFixed(1)}) cv mse ${score.toPrecision(17)} digest ${digest.digest('hex').slice(0, 16)}`,
  );
}
