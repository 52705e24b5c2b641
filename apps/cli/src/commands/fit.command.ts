/**
 * `regsweep fit` (SPEC §5): one fit of one model at one λ on every row of a dataset.
 *
 * Flags are taken as strings and validated in fit.action.ts (loaded when a fit runs), all at once, so every
 * problem comes back as one InvalidInputError (exit code 2, `{errors: [{path, message}]}` on stderr) — commander's
 * own parse errors (unknown flag, missing value) are turned into the same shape.
 */
import { Command, CommanderError } from 'commander';
import { InvalidInputError } from '@regsweep/errors';
import type { FitFlags } from './fit.action';
import type { MlpFitFlags } from './fit-mlp';

/**
 * One fit is cheap, so cd defaults to the reference fixtures' tolerance (1e-14) rather than a sweep's 1e-7:
 * `regsweep fit` then agrees with glmnet / scikit-learn to ~1e-8 (1e-7 leaves ~1e-4 relative on diabetes).
 */
export const DEFAULT_CD = { tolerance: 1e-14, maxIterations: 100_000 };
export const DEFAULT_GD = { learningRate: 0.1, epochs: 1000, tolerance: 1e-12 };
/** `--model mlp`'s network and training when the flags leave them out (fit-mlp.ts). */
export const DEFAULT_MLP = { hidden: [32], learningRate: 0.001, momentum: 0.9, epochs: 200, seed: 0 };

export function registerFitCommand(program: Command): void {
  program
    .command('fit')
    .description('Fit one model at one λ on all rows and print its coefficients.')
    .option(
      '--data <file|builtin>',
      'a CSV file with a header row, or a built-in dataset (diabetes, breast-cancer, seed-linear, iris)',
    )
    .option('--target <column>', "the response column (default: the dataset's declared target, else the last column)")
    .option('--model <model>', 'linear | logistic | multinomial | mlp', 'linear')
    .option('--grouped', 'multinomial only: one group penalty per feature across the classes (glmnet grouped)')
    .option('--penalty <penalty>', 'none | l1 | l2 | elasticnet')
    .option('--lambda <number>', 'penalty strength λ ≥ 0 (ignored for --penalty none)')
    .option('--l1-ratio <number>', 'elastic-net L1 ratio r, 0 < r < 1 (required for elasticnet)')
    .option('--no-standardize', 'fit on the raw feature scale instead of standardized features')
    .option(
      '--solver <solver>',
      'cd (coordinate descent, the default) | gd (gradient descent); mlp: adam (default) | sgd',
    )
    .option(
      '--learning-rate <number>',
      `step size > 0 (default gd ${DEFAULT_GD.learningRate}, mlp ${DEFAULT_MLP.learningRate})`,
    )
    .option(
      '--epochs <count>',
      `gd or mlp epochs, 1..10^7 (default gd ${DEFAULT_GD.epochs}, mlp ${DEFAULT_MLP.epochs})`,
    )
    .option(
      '--tolerance <number>',
      `convergence threshold > 0 (default cd ${DEFAULT_CD.tolerance}, gd ${DEFAULT_GD.tolerance})`,
    )
    .option('--max-iterations <count>', `cd passes cap (default ${DEFAULT_CD.maxIterations})`)
    .option(
      '--hidden <sizes>',
      `mlp: hidden layer sizes, comma-separated (default ${DEFAULT_MLP.hidden.join(',')}; "" for none)`,
    )
    .option('--activation <name>', 'mlp: relu | tanh | logistic (default relu)')
    .option('--output <name>', 'mlp: linear (regression) | logistic (binary) (default linear)')
    .option('--momentum <number>', `mlp --solver sgd: momentum in [0, 1) (default ${DEFAULT_MLP.momentum})`)
    .option('--batch-size <count>', 'mlp: rows per mini-batch (default: full batch)')
    .option('--seed <integer>', `mlp: seed of the initial weights and the shuffling (default ${DEFAULT_MLP.seed})`)
    .option('--json', 'print {intercept, coefficients, objective, iterations, converged} as JSON')
    .showHelpAfterError(false)
    .configureOutput({ outputError: () => undefined })
    .exitOverride(throwCommanderErrorsAsInvalidInput)
    // The engine and the datasets load only when a fit runs, so `--help` and the other commands start without them.
    .action(async (flags: FitFlags & MlpFitFlags) => (await import('./fit.action')).runFitCommand(flags));
}

/** Commander's parse errors (unknown flag, missing value) are invalid input too; help and version still exit 0. */
function throwCommanderErrorsAsInvalidInput(error: CommanderError): void {
  if (error.exitCode === 0) return; // commander exits 0 itself after showing help
  throw new InvalidInputError([{ path: 'arguments', message: error.message.replace(/^error: /, '') }]);
}
