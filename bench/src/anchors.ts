/**
 * The anchors: glmnet, scikit-learn and Optuna, run through the scripts in ../shared/anchors
 * (never copied into this project). Each is used only when it is installed on this machine
 * (apt-get install r-cran-glmnet python3-sklearn python3-optuna).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const anchorsDir = process.env.REGSWEEP_ANCHORS ?? resolve(__dirname, '../../../../shared/anchors');
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function succeeds(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

export const anchors = {
  dir: anchorsDir,
  present: existsSync(resolve(anchorsDir, 'glmnet_bench.R')),
  glmnet: (): boolean => succeeds('Rscript', ['-e', 'suppressMessages(library(glmnet))']),
  sklearn: (): boolean => succeeds(python, ['-c', 'import sklearn']),
  optuna: (): boolean => succeeds(python, ['-c', 'import optuna, sklearn']),
  python,
  script: (name: string): string => resolve(anchorsDir, name),
};

/** glmnet_bench.R prints "… path(100 lambdas)=0.027s cv10=0.370s lambda.min=… lambda.1se=… nz.min=…". */
export function parseGlmnetOutput(stdout: string): {
  pathSeconds: number;
  cvSeconds: number;
  lambdaMin: number;
  lambda1se: number;
} {
  const field = (name: string): number => {
    const match = new RegExp(`${name}=([0-9.eE+-]+)`).exec(stdout);
    if (!match) throw new Error(`glmnet output has no ${name}: ${stdout}`);
    return Number(match[1]);
  };
  const path = /path\(\d+ lambdas\)=([0-9.]+)s/.exec(stdout);
  return {
    pathSeconds: path ? Number(path[1]) : NaN,
    cvSeconds: field('cv10'),
    lambdaMin: field('lambda.min'),
    lambda1se: field('lambda.1se'),
  };
}

/** The fold ids glmnet_bench.R uses (set.seed(1); sample(rep(1:10, length.out = n))), so both tools see the same folds. */
export function rFoldIds(rows: number): number[] {
  const result = spawnSync('Rscript', ['-e', `set.seed(1); cat(sample(rep(1:10, length.out=${rows})))`], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`Rscript failed: ${result.stderr}`);
  return result.stdout.trim().split(/\s+/).map(Number);
}
