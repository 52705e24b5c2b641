/**
 * Times one 100-λ lasso path of the engine (lambdaGrid + fitPath, cd with the default tolerance 1e-7) on
 * equicorrelated synthetic data (ρ = 0.5; bench/src/synthetic.ts), n×p = 5000×100 and 1000×1000, and — when R
 * glmnet is installed — glmnet's own path on the very same numbers (written to a temporary CSV). Median of 25 runs
 * (5 for the large shape) after one warm-up run.
 *
 *     npx nest build server && node dist/bench/src/engine-path.js
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitPath, lambdaGrid, type Dataset, type PathSpec } from '@regsweep/engine';
import { timeInProcess } from './measure';
import { equicorrelated, writeCsv, type SyntheticData } from './synthetic';

const SHAPES: [number, number][] = [
  [5000, 100],
  [1000, 1000],
];

function toDataset(data: SyntheticData): Dataset {
  const { rows, cols } = data;
  const values = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) values[j * rows + i] = data.x[i * cols + j];
  const names = Array.from({ length: cols }, (_, j) => `x${j}`);
  return { x: { rows, cols, values, names }, y: data.y };
}

/** glmnet's path time on the same CSV (median of 3 system.time runs), or NaN without R glmnet. */
function glmnetSeconds(csv: string): number {
  const script = [
    'suppressMessages(library(glmnet))',
    `d <- as.matrix(read.csv("${csv}")); p <- ncol(d) - 1`,
    't <- sapply(1:3, function(i) system.time(glmnet(d[, 1:p], d[, p + 1], alpha = 1))[["elapsed"]])',
    'cat(median(t))',
  ].join('; ');
  const result = spawnSync('Rscript', ['-e', script], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : NaN;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'regsweep-engine-path-'));
  try {
    for (const [rows, cols] of SHAPES) {
      const synthetic = equicorrelated(rows, cols, 0.5, 0);
      const data = toDataset(synthetic);
      const trainRows = Int32Array.from({ length: rows }, (_, i) => i);
      const penalty = { kind: 'l1', l1Ratio: 1 } as const;
      let fits = 0;
      let passes = 0;
      let nonzeros = 0;
      const seconds = timeInProcess(
        () => {
          const lambdas = lambdaGrid({ auto: { count: 100 } }, data, trainRows, 'linear', penalty, true);
          const spec: PathSpec = {
            model: 'linear',
            penalty,
            lambdas,
            standardize: true,
            solver: { kind: 'cd', tolerance: 1e-7, maxIterations: 100_000 },
          };
          const path = fitPath(data, trainRows, spec);
          fits = path.length;
          passes = path.reduce((sum, fit) => sum + fit.iterations, 0);
          nonzeros = path[path.length - 1].nonzeros;
        },
        rows * cols <= 500_000 ? 25 : 5,
      );
      const csv = join(dir, `syn_${rows}x${cols}.csv`);
      await writeCsv(csv, synthetic);
      const glmnet = glmnetSeconds(csv);
      console.log(
        `${rows}x${cols} lasso path: regsweep ${seconds.toFixed(3)} s (${fits} λ, ${passes} passes, ${nonzeros} nonzeros at the smallest λ)` +
          `  glmnet ${Number.isNaN(glmnet) ? 'n/a' : glmnet.toFixed(3) + ' s'}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
