/**
 * `npm run bench`: regsweep timed side by side with the anchors (glmnet, scikit-learn, Optuna) in one run,
 * on the same CSV files, the same folds and the same λ count, and what 2 threads get out of the machine at all
 * (thread-scaling.ts). Prints a markdown table (and writes it to bench/out/latest.md).
 * Flags: --large adds the 100000×200 jobs; --api-reads-only runs only the tracking reads at scale (jobs/api-read-jobs.ts:
 * the sweeps list and a comparison under wrk on 10,000 sweeps and 1,000,000 trials); --queue adds queue mode's rows (jobs/queue-jobs.ts, PostgreSQL + Redis); --no-anchors skips the anchors; --no-browser skips the dashboard's
 * 100,000-trial first-chart benchmark (bench/browser, run by jest in headless Chromium after the table);
 * --multinomial-only runs only the multinomial CV against cv.glmnet (jobs/multinomial-cv.ts), with
 * --multinomial-repeats=N alternations (default 1).
 * Whole processes are timed by /usr/bin/time (wall and peak RSS), median of 3 runs (1 for 100000×200).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { anchors } from './anchors';
import { apiReadJobs } from './jobs/api-read-jobs';
import { printTable, BenchRow } from './report-table';
import { benchFoldIds, engineJobs } from './jobs/engine-jobs';
import { runGlmnet } from './jobs/glmnet';
import { sweepJobs } from './jobs/sweep-jobs';
import { serverSweepJobs } from './jobs/server-sweeps';
import { searchJobs } from './jobs/search-jobs';
import { searchEfficiencyJobs } from './jobs/search-efficiency';
import { ashaRows, mlpEfficiencyRows } from './jobs/mlp-search-efficiency';
import { startupJobs } from './jobs/startup-jobs';
import { threadScalingJobs } from './jobs/thread-scaling';
import { queueJobs } from './jobs/queue-jobs';
import { ensureSyntheticCsv } from './jobs/data-files';
import { mlpClassifierEpochJobs, mlpEpochJobs } from './jobs/mlp-epoch-jobs';
import { mlpSweepJobs } from './jobs/mlp-sweep-jobs';
import { multinomialCvJobs } from './jobs/multinomial-cv';

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const outDir = resolve(__dirname, '../../../bench/out');
  mkdirSync(outDir, { recursive: true });
  const useAnchors = !args.has('--no-anchors') && anchors.present;
  const glmnet = useAnchors && anchors.glmnet();
  const shapes: Array<[number, number]> = [
    [5000, 100],
    [1000, 1000],
  ];
  if (args.has('--large')) shapes.push([100000, 200]);

  const load = () =>
    loadavg()
      .map((v) => v.toFixed(2))
      .join(' ');
  const header = `regsweep bench — node ${process.version}; anchors: ${useAnchors ? anchors.dir : 'not used'}; glmnet: ${glmnet ? 'yes' : 'no'}; load average at start ${load()}`;
  console.log(header);
  const rows: BenchRow[] = [];
  const multinomialRepeats = Number(
    [...args].find((arg) => arg.startsWith('--multinomial-repeats='))?.split('=')[1] ?? 1,
  );
  if (args.has('--multinomial-only')) {
    rows.push(...multinomialCvJobs(outDir, glmnet, multinomialRepeats));
    writeTable(rows, header, outDir, load, 'multinomial.md');
    return;
  }
  if (args.has('--api-reads-only')) {
    rows.push(...(await apiReadJobs()));
    writeTable(rows, header, outDir, load, 'api-reads.md');
    return;
  }
  for (const [n, p] of shapes) {
    const csv = await ensureSyntheticCsv(outDir, n, p);
    const repeats = n * p > 1e7 ? 1 : 3;
    const foldIds = benchFoldIds(n, glmnet);
    const anchor = glmnet ? runGlmnet(csv, repeats) : undefined;
    rows.push(...engineJobs(csv, n, p, foldIds, anchor));
    rows.push(...sweepJobs(csv, n, p, foldIds, outDir, anchor, repeats));
    rows.push(...serverSweepJobs(csv, `${n}×${p}`, foldIds, outDir));
    if (args.has('--queue') && n * p === 5e5) rows.push(...(await queueJobs(csv, `${n}×${p}`, foldIds, outDir)));
    console.log(`… ${n}×${p} done (load average ${load()})`);
  }
  rows.push(...multinomialCvJobs(outDir, glmnet, multinomialRepeats));
  rows.push(...searchJobs(outDir, useAnchors && anchors.optuna()));
  // Optuna here is driven by this project's bench/optuna_tpe_search.py, so it needs Optuna only, not the anchors.
  rows.push(...(await searchEfficiencyJobs(!args.has('--no-anchors') && anchors.optuna())));
  rows.push(...(await mlpEfficiencyRows(!args.has('--no-anchors') && anchors.optuna())), ...ashaRows());
  rows.push(...mlpEpochJobs(!args.has('--no-anchors') && anchors.sklearn()));
  rows.push(...mlpClassifierEpochJobs(!args.has('--no-anchors') && anchors.sklearn()));
  rows.push(...mlpSweepJobs(outDir, !args.has('--no-anchors') && anchors.optuna()));
  rows.push(...startupJobs());
  rows.push(...(await threadScalingJobs()));
  rows.push(...(await apiReadJobs()));
  writeTable(rows, header, outDir, load, 'latest.md');

  if (!args.has('--no-browser')) {
    const root = resolve(__dirname, '../../..');
    const jest = spawnSync('npx', ['jest', '-c', 'bench/browser/jest.config.js', '--runInBand'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (jest.status !== 0) process.exitCode = 1;
  }
}

/** Prints the table and writes it, with the load average at the end, to bench/out/`file`. */
function writeTable(rows: readonly BenchRow[], header: string, outDir: string, load: () => string, file: string): void {
  const lines: string[] = [header, ''];
  printTable(rows, (line) => {
    lines.push(line);
    console.log(line);
  });
  lines.push('', `load average at the end ${load()}`);
  writeFileSync(resolve(outDir, file), lines.join('\n') + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
