// regsweep's multinomial lasso CV on the same rows, fold ids and λ sequence as cv-glmnet.R (run that first), from the
// compiled engine (npx nest build server). Run from the repository root:  node bench/multinomial/cv-regsweep.js
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const engine = require(join(__dirname, '..', '..', 'dist', 'libs', 'engine', 'src', 'index.js'));

const lines = readFileSync('bench/out/multi_20000x50x5.csv', 'utf8').trim().split('\n');
const header = lines[0].split(',');
const p = header.length - 1;
const rows = lines.slice(1).map((line) => line.split(',').map(Number));
const x = engine.designMatrixFromRows(header.slice(0, p), rows.map((row) => row.slice(0, p)));
const data = engine.multinomialDatasetOf({ x, y: Float64Array.from(rows, (row) => row[p]) });
const foldIds = Array.from({ length: x.rows }, (_, i) => (i % 10) + 1);
const plan = engine.makeSplitPlan(x.rows, { kind: 'foldIds', foldIds }, 0);
const lambdas = Float64Array.from(readFileSync('bench/out/multi_lambdas.txt', 'utf8').trim().split('\n').map(Number));
const spec = {
  penalty: { kind: 'l1', l1Ratio: 1 },
  lambdas,
  standardize: true,
  grouped: false,
  solver: { kind: 'cd', tolerance: 1e-7, maxIterations: 100000 },
};
const start = process.hrtime.bigint();
const { stats } = engine.crossValidateMultinomial(data, plan, spec, 'logloss');
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(
  `regsweep: ${seconds.toFixed(1)} s, ${lambdas.length} λ, lambda.min ${stats.lambdaMin.toPrecision(10)}, ` +
    `lambda.1se ${stats.lambda1se.toPrecision(10)}`,
);
