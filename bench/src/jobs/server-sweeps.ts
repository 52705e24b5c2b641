/**
 * 2 workers vs 1 on a running server: the same sweep three times back to back in one `regsweep serve`-like process
 * (createApp, real SQLite, the pool's threads kept between sweeps, as for a user submitting sweeps one after another
 * or a schedule firing within the threads' 30 s idle time). The first run pays for starting and compiling on each
 * thread; the figure is the median of the other two. The `regsweep sweep` rows (sweep-jobs.ts) are the fresh-process
 * case. This file is also the child process (`node server-sweeps.js CONFIG POOL RUNS` prints the sweep phases as JSON),
 * so that the pool's V8 flags stay out of the bench's own process.
 */
import { validateSweepConfig } from '@regsweep/sweep';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetsService } from '../../../apps/server/src/datasets/datasets.service';
import { createApp } from '../../../apps/server/src/main';
import { SweepsService } from '../../../apps/server/src/sweeps/sweeps.service';
import { median, runProcess } from '../measure';
import type { BenchRow } from '../report-table';
import { ALL_PENALTIES, benchSweepConfig } from './sweep-jobs';

const RUNS = 3;

interface ServerRuns {
  /** Sweep phase (finishedAt − startedAt) of each run, in order. */
  readonly seconds: number[];
}

/** Runs in the child: registers the CSV, runs the sweep RUNS times on one app, prints the sweep phases. */
async function runInThisProcess(configPath: string, poolSize: number, runs: number): Promise<void> {
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown> & { dataset: string };
  const dir = mkdtempSync(join(tmpdir(), 'regsweep-bench-server-'));
  const app = await createApp({ dbPath: join(dir, 'bench.sqlite'), poolSize, dashboard: false, logger: false });
  try {
    await app.init();
    const dataset = await app.get(DatasetsService).registerCsvFile(config.dataset, String(config.target));
    const sweeps = app.get(SweepsService);
    const seconds: number[] = [];
    for (let run = 0; run < runs; run++) {
      const submitted = await sweeps.submit(validateSweepConfig({ ...config, dataset: dataset.id }));
      await submitted.finished;
      const sweep = await sweeps.get(submitted.id);
      if (sweep.status !== 'succeeded') throw new Error(`sweep ${sweep.status}: ${sweep.error}`);
      seconds.push((sweep.finishedAt!.getTime() - sweep.startedAt!.getTime()) / 1000);
    }
    process.stdout.write(JSON.stringify({ seconds } satisfies ServerRuns));
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function serverRuns(config: object, poolSize: number, outDir: string): ServerRuns {
  const configPath = join(outDir, `bench-server-config-${process.pid}.json`);
  writeFileSync(configPath, JSON.stringify(config));
  try {
    const run = runProcess(process.execPath, [__filename, configPath, String(poolSize), String(RUNS)]);
    if (run.status !== 0) throw new Error(`server sweeps failed (${run.status}): ${run.stderr.slice(-2000)}`);
    return JSON.parse(run.stdout) as ServerRuns;
  } finally {
    rmSync(configPath, { force: true });
  }
}

/** The four-penalty sweep of sweep-jobs.ts on a running server, 2 workers vs 1. */
export function serverSweepJobs(csv: string, shape: string, foldIds: number[], outDir: string): BenchRow[] {
  const config = (concurrency: number) => benchSweepConfig(csv, shape, foldIds, ALL_PENALTIES, concurrency);
  const one = serverRuns(config(1), 1, outDir).seconds;
  const two = serverRuns(config(2), 2, outDir).seconds;
  const warm = (seconds: number[]) => median(seconds.slice(1));
  const list = (seconds: number[]) => seconds.map((s) => s.toFixed(2)).join(', ');
  return [
    {
      job: `10-fold CV sweep of none, l1, l2, elasticnet(0.5), 100 λ each, on a running server (runs 2–3 of 3 back to back), 2 workers vs 1 (${shape})`,
      regsweep: warm(one) / warm(two),
      unit: 'ratio',
      note: `sweep phases, 1 worker: ${list(one)} s; 2 workers: ${list(two)} s (first run: ${(one[0] / two[0]).toFixed(2)}×)`,
    },
  ];
}

if (require.main === module) {
  const [configPath, poolSize, runs] = process.argv.slice(2);
  runInThisProcess(configPath, Number(poolSize), Number(runs)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
