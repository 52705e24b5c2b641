/**
 * `node dist/bench/src/lasso-path.js [--large] [--no-anchors]`: only the single lasso path row of the bench
 * (engine-jobs.ts's first row), regsweep beside glmnet's `glmnet()` on the same CSV in one invocation, so that the
 * two are timed under the same machine load. glmnet runs through bench/glmnet_path.R (the path alone
 * under system.time, 3 times, median; the CSV read by scan, not timed), so the 100000×200 row does not wait for cv.glmnet.
 * Shapes: 5000×100, and 100000×200 with --large. The "from rows" column is fitPath with `source: 'rows'` (the route
 * every tall path took before pathSource: an n×p standardized copy, Gram columns as variables enter), timed in the
 * same process, so before and after are compared under the same load.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fitPath } from '@regsweep/engine';
import { anchors } from './anchors';
import { ensureSyntheticCsv, readCsvDataset } from './jobs/data-files';
import { lassoSpec } from './jobs/engine-jobs';
import { timeInProcess } from './measure';

interface GlmnetPath {
  readonly seconds: number;
  readonly lambdas: number;
}

/** glmnet_path.R prints "path_seconds=0.123 lambdas=78". */
function runGlmnetPath(csv: string): GlmnetPath | undefined {
  const script = resolve(__dirname, '../../../bench/glmnet_path.R');
  const run = spawnSync('Rscript', [script, csv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const match = /path_seconds=([0-9.]+) lambdas=(\d+)/.exec(run.stdout);
  if (run.status !== 0 || !match) {
    console.error(`glmnet_path.R failed (status ${run.status}, signal ${run.signal}): ${run.stderr}`);
    return undefined;
  }
  return { seconds: Number(match[1]), lambdas: Number(match[2]) };
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const outDir = resolve(__dirname, '../../../bench/out');
  mkdirSync(outDir, { recursive: true });
  const glmnet = !args.has('--no-anchors') && anchors.glmnet();
  const shapes: Array<[number, number]> = [[5000, 100]];
  if (args.has('--large')) shapes.push([100000, 200]);
  const load = () =>
    loadavg()
      .map((v) => v.toFixed(2))
      .join(' ');
  console.log(`lasso path bench — node ${process.version}; glmnet: ${glmnet ? 'yes' : 'no'}; load ${load()}`);
  console.log('| job | regsweep | regsweep from rows | glmnet | ratio (from rows) | λ fitted (regsweep / glmnet) |');
  console.log('|---|---|---|---|---|---|');
  for (const [n, p] of shapes) {
    const csv = await ensureSyntheticCsv(outDir, n, p);
    const data = readCsvDataset(csv);
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const spec = lassoSpec(data, all);
    let fitted = 0;
    const repeats = n * p > 1e6 ? 3 : 9;
    const seconds = timeInProcess(() => {
      fitted = fitPath(data, all, spec).length;
    }, repeats);
    const fromRows = timeInProcess(() => fitPath(data, all, spec, { source: 'rows' }), repeats);
    const anchor = glmnet ? runGlmnetPath(csv) : undefined;
    const ratio = anchor
      ? `${(seconds / anchor.seconds).toFixed(2)}× (${(fromRows / anchor.seconds).toFixed(2)}×)`
      : '—';
    const anchorText = anchor ? `${anchor.seconds.toFixed(3)} s` : '—';
    console.log(
      `| lasso path, 100 λ, ${n}×${p} (in-process) | ${seconds.toFixed(3)} s | ${fromRows.toFixed(3)} s | ${anchorText} | ${ratio} | ${fitted} / ${anchor?.lambdas ?? '—'} |`,
    );
  }
  console.log(`load at the end ${load()}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
