/** One whole-process run of the glmnet anchor (glmnet_bench.R: read.csv, glmnet path, 10-fold cv.glmnet) per CSV. */
import { anchors, parseGlmnetOutput } from '../anchors';
import { median, runProcess } from '../measure';

export interface GlmnetRun {
  /** Whole Rscript process, CSV reading included (median over the repeats). */
  readonly processSeconds: number;
  readonly peakRssMb: number;
  /** glmnet's own in-process figures (system.time inside the script). */
  readonly pathSeconds: number;
  readonly cvSeconds: number;
  /** λ values of glmnet's path (it stops early when the deviance ratio saturates; cv.glmnet then uses those). */
  readonly pathLambdas: number;
  readonly lambdaMin: number;
}

export function runGlmnet(csv: string, repeats: number): GlmnetRun | undefined {
  const runs = [];
  for (let i = 0; i < repeats; i++) {
    const run = runProcess('Rscript', [anchors.script('glmnet_bench.R'), csv, '1']);
    if (run.status !== 0) return undefined;
    runs.push({
      run,
      parsed: parseGlmnetOutput(run.stdout),
      lambdas: Number(/path\((\d+) lambdas\)/.exec(run.stdout)?.[1]),
    });
  }
  return {
    processSeconds: median(runs.map((r) => r.run.seconds)),
    peakRssMb: Math.max(...runs.map((r) => r.run.peakRssMb)),
    pathSeconds: median(runs.map((r) => r.parsed.pathSeconds)),
    cvSeconds: median(runs.map((r) => r.parsed.cvSeconds)),
    pathLambdas: runs[0].lambdas,
    lambdaMin: runs[0].parsed.lambdaMin,
  };
}
