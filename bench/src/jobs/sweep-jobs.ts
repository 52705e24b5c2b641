/**
 * Whole processes, both reading the CSV: `regsweep sweep` (10-fold CV lasso path, 100 λ, on 2 worker threads)
 * against `Rscript glmnet_bench.R` (read.csv, glmnet path, cv.glmnet), with the same fold ids. Then the speed-up of
 * 2 worker threads over 1, on that sweep and on the sweep regsweep exists for (none, l1, l2 and elastic net side by
 * side): the 1-worker figure is a process started with REGSWEEP_WORKERS=1, a pool of one thread. Last, the default
 * pool (2 threads, no `concurrency` in the config: the run chooses, chooseConcurrency) against that one thread: no
 * shape should be slower on the default pool.
 */
import type { BenchRow } from '../report-table';
import { cliAvailable, timeSweepCli, type SweepCliRun } from './cli';
import type { GlmnetRun } from './glmnet';

const ONE_WORKER = { REGSWEEP_WORKERS: '1' };

/** The sweep regsweep exists for: every penalty type side by side. */
export const ALL_PENALTIES: readonly string[] = ['none', 'l1', 'l2', 'elasticnet'];

/** The bench's sweep config: 10-fold CV on the given fold ids, 100-λ auto grids, elastic net at 0.5. */
export function benchSweepConfig(
  csv: string,
  shape: string,
  foldIds: number[],
  penalties: readonly string[],
  concurrency: number | undefined,
): object {
  return {
    name: `bench ${shape}`,
    dataset: csv,
    target: 'y',
    model: 'linear',
    penalties,
    l1Ratios: [0.5],
    lambdas: { auto: { count: 100 } },
    split: { kind: 'foldIds', foldIds },
    metric: 'mse',
    selection: '1se',
    ...(concurrency === undefined ? {} : { concurrency }),
  };
}

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
  const config = (concurrency: number | undefined, penalties: readonly string[]) =>
    benchSweepConfig(csv, shape, foldIds, penalties, concurrency);
  const lasso = ['l1'];
  const all = ALL_PENALTIES;
  const two = timeSweepCli(config(2, lasso), outDir, repeats);
  const one = timeSweepCli(config(1, lasso), outDir, repeats, ONE_WORKER);
  const allTwo = timeSweepCli(config(2, all), outDir, repeats);
  const allOne = timeSweepCli(config(1, all), outDir, repeats, ONE_WORKER);
  const chosen = timeSweepCli(config(undefined, lasso), outDir, repeats);
  const allChosen = timeSweepCli(config(undefined, all), outDir, repeats);
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
    speedUp(`same lasso sweep, 2 workers vs 1 (${shape})`, one, two),
    speedUp(`10-fold CV sweep of none, l1, l2, elasticnet(0.5), 100 λ each, 2 workers vs 1 (${shape})`, allOne, allTwo),
    speedUp(`same lasso sweep, default pool (threads chosen) vs 1 worker (${shape})`, one, chosen),
    speedUp(`four-penalty sweep, default pool (threads chosen) vs 1 worker (${shape})`, allOne, allChosen),
  ];
}

/** The sweep phase's speed-up (finishedAt − startedAt: the tasks, their writes and the report). */
function speedUp(job: string, one: SweepCliRun, two: SweepCliRun): BenchRow {
  return {
    job,
    regsweep: one.sweepSeconds / two.sweepSeconds,
    unit: 'ratio',
    note:
      `sweep phase 1 worker ${one.sweepSeconds.toFixed(2)} s, ${threadsText(two)} ${two.sweepSeconds.toFixed(2)} s; ` +
      `whole process ${one.run.seconds.toFixed(2)} s → ${two.run.seconds.toFixed(2)} s ` +
      `(${(one.run.seconds / two.run.seconds).toFixed(2)}×)`,
  };
}

/** "2 workers", or what the default pool's run chose: "default pool, 1 thread chosen". */
function threadsText(run: SweepCliRun): string {
  const threads = run.threads?.threads;
  return run.threads?.reason === 'set by the sweep config' || threads === undefined
    ? `${threads ?? '?'} workers`
    : `default pool, ${threads} thread${threads === 1 ? '' : 's'} chosen`;
}
