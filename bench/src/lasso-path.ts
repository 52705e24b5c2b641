/**
 * `node dist/bench/src/lasso-path.js [--large] [--no-anchors] [--rounds N]`: only the single lasso path row of the
 * bench, regsweep's fitPath beside glmnet's glmnet() on the same CSV, timed the same way: data read and not timed,
 * a warm-up run first (V8's optimizing compiles; R's lazy loading of glmnet), then the median of several runs of the
 * path alone, 100 λ on both sides (the same grid; glmnet's deviance-ratio early stop off, see bench/glmnet_path.R)
 * and the same tolerance convention (1e-7 × var(y), glmnet's thresh on the standardized response). The path includes
 * its λ grid on both sides: glmnet() computes λ_max inside the timed call, so regsweep's timed call is lassoPath
 * (fitGridPath on the auto grid: λ_max from the path's own cross products), as `regsweep fit` (fitOne) runs it.
 * On a loaded machine the two are interleaved: N rounds (default 3, 1 with --large at 100000×200) of regsweep then
 * glmnet, a ratio per round, and the median ratio. Each of regsweep's timed paths makes its memory afresh, as one
 * `regsweep fit` does; the "workspace kept" column is the same path with a FoldWorkspace kept from run to run (as a
 * worker thread keeps one), not in the ratio. The "from rows" column is fitPath with `source: 'rows'` (an n×p
 * standardized copy, Gram columns as variables enter), for comparison with the cross-products route.
 */
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { FoldWorkspace } from '@regsweep/engine';
import { anchors } from './anchors';
import { ensureSyntheticCsv, readCsvDataset } from './jobs/data-files';
import { lassoPath } from './jobs/engine-jobs';
import { runGlmnetPath } from './jobs/glmnet-path';
import { median, timeInProcess } from './measure';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
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
  console.log(
    '| job | round | regsweep | regsweep, workspace kept | regsweep from rows | glmnet | ratio (from rows) | λ fitted (regsweep / glmnet) |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [n, p] of shapes) {
    const csv = await ensureSyntheticCsv(outDir, n, p);
    const data = readCsvDataset(csv);
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const large = n * p > 1e6;
    const repeats = large ? 3 : 9;
    const rounds = option('--rounds', large ? 1 : 3);
    const ratios: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      let fitted = 0;
      const seconds = timeInProcess(() => {
        fitted = lassoPath(data, all).length;
      }, repeats);
      const workspace = new FoldWorkspace();
      const kept = timeInProcess(() => lassoPath(data, all, { workspace }), repeats);
      const fromRows = timeInProcess(() => lassoPath(data, all, { source: 'rows' }), repeats);
      const anchor = glmnet ? runGlmnetPath(csv, large ? 3 : 9) : undefined;
      if (anchor) ratios.push(seconds / anchor.seconds);
      const ratio = anchor
        ? `${(seconds / anchor.seconds).toFixed(2)}× (${(fromRows / anchor.seconds).toFixed(2)}×)`
        : '—';
      const anchorText = anchor ? `${anchor.seconds.toFixed(3)} s` : '—';
      console.log(
        `| lasso path, ${n}×${p} (in-process) | ${round} | ${seconds.toFixed(3)} s | ${kept.toFixed(3)} s | ${fromRows.toFixed(3)} s | ${anchorText} | ${ratio} | ${fitted} / ${anchor?.lambdas ?? '—'} |`,
      );
    }
    if (ratios.length > 0)
      console.log(`| lasso path, ${n}×${p}: median ratio | | | | | | ${median(ratios).toFixed(2)}× | |`);
  }
  console.log(`load at the end ${load()}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
