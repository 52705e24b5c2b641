/**
 * `npm run bench`: regsweep timed side by side with the anchors (glmnet, scikit-learn, Optuna) in one run,
 * on the same CSV files, the same folds and the same λ count. Prints a markdown table (and writes it to
 * bench/out/latest.md). Flags: --large adds the 100000×200 jobs; --no-anchors skips the anchors.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { anchors } from './anchors';
import { printTable, BenchRow } from './report-table';
import { engineJobs } from './jobs/engine-jobs';
import { sweepJobs } from './jobs/sweep-jobs';
import { searchJobs } from './jobs/search-jobs';
import { ensureSyntheticCsv } from './jobs/data-files';

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

  console.log(`regsweep bench — node ${process.version}; anchors: ${useAnchors ? anchors.dir : 'not used'}; glmnet: ${glmnet ? 'yes' : 'no'}`);
  const rows: BenchRow[] = [];
  for (const [n, p] of shapes) {
    const csv = await ensureSyntheticCsv(outDir, n, p);
    rows.push(...engineJobs(csv, n, p, glmnet));
    rows.push(...sweepJobs(csv, n, p, outDir, glmnet));
  }
  rows.push(...searchJobs(outDir, useAnchors && anchors.optuna()));

  const lines: string[] = [];
  printTable(rows, (line) => {
    lines.push(line);
    console.log(line);
  });
  writeFileSync(resolve(outDir, 'latest.md'), lines.join('\n') + '\n');
  if (!existsSync(resolve(outDir, 'latest.md'))) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
