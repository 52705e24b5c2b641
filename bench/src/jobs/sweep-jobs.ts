/**
 * Whole processes, both reading the CSV: `regsweep sweep` (10-fold CV lasso path, 100 λ, on 2 worker threads)
 * against `Rscript glmnet_bench.R` (read.csv, glmnet path, cv.glmnet), with the same fold ids; then the same
 * sweep on 1 worker thread for the speed-up.
 */
import type { BenchRow } from '../report-table';
import { cliAvailable, timeSweepCli } from './cli';
import type { GlmnetRun } from './glmnet';

export function sweepJobs(
  csv: string,
  n: number,
  p: number,
  foldIds: number[],
  outDir: string,
  anchor: GlmnetRun | undefined,
  repeats: number,
): BenchRow[] {
  if (!cliAvailable()) return [];
  const shape = `${n}×${p}`;
  const config = (concurrency: number) => ({
    name: `bench ${shape}`,
    dataset: csv,
    target: 'y',
    model: 'linear',
    penalties: ['l1'],
    lambdas: { auto: { count: 100 } },
    split: { kind: 'foldIds', foldIds },
    metric: 'mse',
    selection: '1se',
    concurrency,
  });
  const two = timeSweepCli(config(2), outDir, repeats);
  const one = timeSweepCli(config(1), outDir, repeats);
  const dataMb = (n * (p + 1) * 8) / 2 ** 20;
  const lambdaMin = Number(two.report.penalties?.[0]?.lambdaMin).toPrecision(5);
  const glmnetNote = anchor
    ? `; glmnet: peak ${anchor.peakRssMb.toFixed(0)} MB, cv.glmnet alone ${anchor.cvSeconds.toFixed(2)} s over ${anchor.pathLambdas} λ, λmin ${anchor.lambdaMin.toPrecision(5)}`
    : '';
  return [
    {
      job: `10-fold CV lasso, 100 λ, ${shape}: regsweep sweep (2 workers) vs Rscript glmnet_bench.R (whole processes)`,
      regsweep: two.run.seconds,
      anchorName: 'glmnet (read.csv + path + cv.glmnet)',
      anchor: anchor?.processSeconds,
      unit: 'seconds',
      peakRssMb: two.run.peakRssMb,
      note:
        `sweep phase ${two.sweepSeconds.toFixed(2)} s; peak ${(two.run.peakRssMb / dataMb).toFixed(1)}× the data as float64 ` +
        `(${dataMb.toFixed(0)} MB); λmin ${lambdaMin}${glmnetNote}`,
    },
    {
      job: `same sweep, 2 workers vs 1 (${shape})`,
      regsweep: one.run.seconds / two.run.seconds,
      unit: 'ratio',
      note:
        `whole process 1 worker ${one.run.seconds.toFixed(2)} s, 2 workers ${two.run.seconds.toFixed(2)} s; ` +
        `sweep phase ${one.sweepSeconds.toFixed(2)} s → ${two.sweepSeconds.toFixed(2)} s (${(one.sweepSeconds / two.sweepSeconds).toFixed(2)}×)`,
    },
  ];
}
