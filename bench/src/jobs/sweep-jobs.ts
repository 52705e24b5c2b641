/**
 * Whole processes, both reading the CSV: `regsweep sweep` (10-fold CV lasso path, 100 λ) against
 * `Rscript glmnet_bench.R` (glmnet path + cv.glmnet), with the same fold ids; then the same sweep on
 * 1 and 2 worker threads.
 */
import { anchors } from '../anchors';
import { runProcess } from '../measure';
import type { BenchRow } from '../report-table';
import { cliAvailable, runSweepCli } from './cli';
import { benchFoldIds } from './engine-jobs';

export function sweepJobs(csv: string, n: number, p: number, outDir: string, glmnet: boolean): BenchRow[] {
  if (!cliAvailable()) return [];
  const shape = `${n}×${p}`;
  const config = (concurrency: number) => ({
    name: `bench ${shape}`,
    dataset: csv,
    target: 'y',
    model: 'linear',
    penalties: ['l1'],
    lambdas: { auto: { count: 100 } },
    split: { kind: 'foldIds', foldIds: benchFoldIds(n, glmnet) },
    metric: 'mse',
    selection: '1se',
    concurrency,
  });
  const two = runSweepCli(config(2), outDir);
  const one = runSweepCli(config(1), outDir);
  let anchorSeconds: number | undefined;
  let anchorRss: number | undefined;
  if (glmnet) {
    const run = runProcess('Rscript', [anchors.script('glmnet_bench.R'), csv, '1']);
    if (run.status === 0) {
      anchorSeconds = run.seconds;
      anchorRss = run.peakRssMb;
    }
  }
  const dataMb = (n * (p + 1) * 8) / 2 ** 20;
  return [
    {
      job: `10-fold CV lasso, 100 λ, ${shape}: regsweep sweep vs Rscript glmnet_bench.R (whole processes)`,
      regsweep: two.run.seconds,
      anchorName: 'glmnet (path + cv.glmnet)',
      anchor: anchorSeconds,
      unit: 'seconds',
      peakRssMb: two.run.peakRssMb,
      note: `data as float64 ${dataMb.toFixed(0)} MB; glmnet peak ${anchorRss?.toFixed(0) ?? '—'} MB; λmin ${Number(two.report.penalties?.[0]?.lambdaMin).toPrecision(5)}`,
    },
    {
      job: `same sweep, 2 workers vs 1 (${shape})`,
      regsweep: one.run.seconds / two.run.seconds,
      unit: 'ratio',
      note: `1 worker ${one.run.seconds.toFixed(2)} s, 2 workers ${two.run.seconds.toFixed(2)} s (speed-up)`,
    },
  ];
}
