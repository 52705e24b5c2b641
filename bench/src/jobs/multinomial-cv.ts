/**
 * Issue 16's anchor row: a multinomial lasso, 10-fold CV path (the 10 fold paths plus the full-data path) on
 * 20000×50 with 5 classes, regsweep against cv.glmnet in one run on the same CSV (bench/multinomial/generate.R), the
 * same fold ids (row i, 0-based → (i mod 10) + 1), and glmnet's own λ sequence, which bench/multinomial/cv-glmnet.R
 * computes with glmnet() and passes to cv.glmnet as `lambda`, and writes to bench/out/multi_lambdas.txt for
 * regsweep; thresh / tolerance 1e-7 on both sides. The two sides alternate (R, regsweep, R, regsweep …) so that
 * both see the same load; each row gives the median wall time and, beside it, the CPU time (user + system) of the
 * work itself, the figure the machine's load disturbs least:
 *  - the engine, one thread: crossValidateMultinomial in this process (process.cpuUsage around it), against
 *    cv.glmnet alone inside its R process (system.time) — one thread against one thread;
 *  - the product: `regsweep sweep` of the same CV as a whole process on the default pool (its recorded sweep time;
 *    the runner spreads the 11 paths over the pool's threads), against the same cv.glmnet run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadDataset } from '@regsweep/datasets';
import { crossValidateMultinomial, makeSplitPlan, multinomialDatasetOf } from '@regsweep/engine';
import { median } from '../measure';
import type { BenchRow } from '../report-table';
import { cliAvailable, runSweepCli } from './cli';

const ROOT = resolve(__dirname, '../../../..');
const CSV = resolve(ROOT, 'bench/out/multi_20000x50x5.csv');
const LAMBDAS = resolve(ROOT, 'bench/out/multi_lambdas.txt');
const TOLERANCE = 1e-7;

interface CvRun {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly lambdaMin: number;
  readonly lambda1se: number;
}

/** Rows i ↦ (i mod 10) + 1, as cv-glmnet.R's ((i − 1) mod 10) + 1 for 1-based i. */
const foldIdsOf = (rows: number): number[] => Array.from({ length: rows }, (_, i) => (i % 10) + 1);

function rscript(script: string): string {
  const run = spawnSync('Rscript', [resolve(ROOT, 'bench/multinomial', script)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(`Rscript ${script} failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

/** cv-glmnet.R prints "cv_seconds=… cpu_seconds=… lambdas=… lambda.min=… lambda.1se=…". */
export function parseCvGlmnet(stdout: string): CvRun & { readonly lambdas: number } {
  const field = (name: string): number => {
    const match = new RegExp(`${name.replace('.', '\\.')}=([0-9.eE+-]+)`).exec(stdout);
    if (!match) throw new Error(`cv-glmnet.R printed no ${name}: ${stdout}`);
    return Number(match[1]);
  };
  return {
    seconds: field('cv_seconds'),
    cpuSeconds: field('cpu_seconds'),
    lambdas: field('lambdas'),
    lambdaMin: field('lambda.min'),
    lambda1se: field('lambda.1se'),
  };
}

function readLambdas(): Float64Array {
  return Float64Array.from(readFileSync(LAMBDAS, 'utf8').trim().split('\n').map(Number));
}

/** crossValidateMultinomial on one thread, in this process. */
function engineRun(lambdas: Float64Array): CvRun {
  const parsed = loadDataset(CSV, { target: 'class', maxRows: 1e6, maxColumns: 1e3 });
  const data = multinomialDatasetOf({ x: parsed.x, y: parsed.y });
  const plan = makeSplitPlan(data.x.rows, { kind: 'foldIds', foldIds: foldIdsOf(data.x.rows) }, 0);
  const spec = {
    penalty: { kind: 'l1', l1Ratio: 1 } as const,
    lambdas,
    standardize: true,
    grouped: false,
    solver: { kind: 'cd', tolerance: TOLERANCE, maxIterations: 100_000 } as const,
  };
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const { stats } = crossValidateMultinomial(data, plan, spec, 'logloss');
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return {
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    lambdaMin: stats.lambdaMin,
    lambda1se: stats.lambda1se,
  };
}

/** The same CV as a sweep, `regsweep sweep` on the default pool: its recorded sweep time, threads and λs. */
function sweepRun(lambdas: Float64Array, outDir: string): CvRun & { readonly threads: string } {
  const config = {
    name: 'bench multinomial 20000×50×5',
    dataset: CSV,
    target: 'class',
    model: 'multinomial',
    multinomial: { grouped: false },
    penalties: ['l1'],
    lambdas: { values: Array.from(lambdas) },
    split: { kind: 'foldIds', foldIds: foldIdsOf(20000) },
    solver: { kind: 'cd', tolerance: TOLERANCE, maxIterations: 100_000 },
    metric: 'logloss',
    selection: 'min',
  };
  const { sweepSeconds, threads, report } = runSweepCli(config, outDir);
  const curve = report.penalties?.[0];
  return {
    seconds: sweepSeconds,
    cpuSeconds: NaN,
    lambdaMin: Number(curve?.lambdaMin),
    lambda1se: Number(curve?.lambda1se),
    threads: threads ? `${threads.threads} thread(s)` : 'threads not recorded',
  };
}

const fmt = (value: number): string => value.toPrecision(10);
const lambdaNote = (run: CvRun) => `λ.min ${fmt(run.lambdaMin)}, λ.1se ${fmt(run.lambda1se)}`;

/** The rows; `repeats` alternations of cv.glmnet and regsweep (medians). Without R, nothing (the anchor is R). */
export function multinomialCvJobs(outDir: string, glmnet: boolean, repeats = 1): BenchRow[] {
  if (!glmnet) return [];
  if (!existsSync(CSV)) rscript('generate.R');
  const anchorRuns: Array<CvRun & { lambdas: number }> = [];
  const engineRuns: CvRun[] = [];
  const sweepRuns: Array<CvRun & { threads: string }> = [];
  for (let r = 0; r < repeats; r++) {
    anchorRuns.push(parseCvGlmnet(rscript('cv-glmnet.R')));
    engineRuns.push(engineRun(readLambdas()));
    if (cliAvailable()) sweepRuns.push(sweepRun(readLambdas(), outDir));
    const sweepNote = sweepRuns[r] ? `, regsweep sweep ${sweepRuns[r].seconds.toFixed(1)} s` : '';
    console.log(
      `… multinomial CV ${r + 1}/${repeats}: cv.glmnet ${anchorRuns[r].seconds.toFixed(1)} s ` +
        `(cpu ${anchorRuns[r].cpuSeconds.toFixed(1)} s), regsweep engine ${engineRuns[r].seconds.toFixed(1)} s ` +
        `(cpu ${engineRuns[r].cpuSeconds.toFixed(1)} s)${sweepNote}`,
    );
  }
  const anchor = summary(anchorRuns);
  const engine = summary(engineRuns);
  const shape = `20000×50, 5 classes, ${anchorRuns[0].lambdas} λ`;
  const rows: BenchRow[] = [
    {
      job: `multinomial lasso 10-fold CV path, ${shape} (in-process, 1 thread vs 1 thread)`,
      regsweep: engine.seconds,
      anchorName: 'cv.glmnet',
      anchor: anchor.seconds,
      unit: 'seconds',
      note:
        `CPU time ${engine.cpuSeconds.toFixed(1)} s vs ${anchor.cpuSeconds.toFixed(1)} s ` +
        `(${(engine.cpuSeconds / anchor.cpuSeconds).toFixed(2)}×); regsweep ${lambdaNote(engineRuns[0])}; ` +
        `cv.glmnet ${lambdaNote(anchorRuns[0])}; median of ${repeats}, alternating`,
    },
  ];
  if (sweepRuns.length > 0) {
    rows.push({
      job: `multinomial lasso 10-fold CV path, ${shape} (regsweep sweep, default pool, vs 1 thread)`,
      regsweep: summary(sweepRuns).seconds,
      anchorName: 'cv.glmnet',
      anchor: anchor.seconds,
      unit: 'seconds',
      note: `the sweep's recorded time, ${sweepRuns[0].threads}; ${lambdaNote(sweepRuns[0])}; median of ${repeats}`,
    });
  }
  return rows;
}

function summary(runs: readonly CvRun[]): { seconds: number; cpuSeconds: number } {
  return { seconds: median(runs.map((r) => r.seconds)), cpuSeconds: median(runs.map((r) => r.cpuSeconds)) };
}
