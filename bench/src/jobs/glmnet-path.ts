/**
 * glmnet's single lasso path, timed as regsweep's in-process path is (bench/glmnet_path.R): warmed up, the whole
 * 100-λ grid (its deviance-ratio early stop off), its default thresh 1e-7; median of `repeats` runs of glmnet() alone.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export interface GlmnetPath {
  /** Median of the timed runs. */
  readonly seconds: number;
  /** λ values glmnet fitted (100 unless it stopped for another reason, e.g. dfmax). */
  readonly lambdas: number;
}

/** glmnet_path.R prints "path_seconds=0.0281 lambdas=100 runs=…". */
export function runGlmnetPath(csv: string, repeats = 5): GlmnetPath | undefined {
  const script = resolve(__dirname, '../../../../bench/glmnet_path.R');
  const run = spawnSync('Rscript', [script, csv, String(repeats)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const match = /path_seconds=([0-9.]+) lambdas=(\d+)/.exec(run.stdout);
  if (run.status !== 0 || !match) {
    console.error(`glmnet_path.R failed (status ${run.status}, signal ${run.signal}): ${run.stderr}`);
    return undefined;
  }
  return { seconds: Number(match[1]), lambdas: Number(match[2]) };
}
