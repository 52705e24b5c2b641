/**
 * `regsweep fit --model mlp` (issue 12): one network trained at one λ on every row, printing the training loss
 * curve's summary and the weight sparsity (`--json`: the curve, the sparsity and the trained weights with the input
 * scaling they apply to).
 */
import {
  inputScaling,
  mlpLayout,
  scaledRows,
  trainMlp,
  unpackParameters,
  type MlpActivation,
  type MlpFit,
  type MlpNetwork,
  type MlpOutput,
  type MlpSolverConfig,
  type PenaltyKind,
} from '@regsweep/engine';
import { loadDataset } from '@regsweep/datasets';
import { InvalidInputError, type InputProblem } from '@regsweep/errors';
import { DEFAULT_MLP } from './fit.command';

/** The `regsweep fit` flags a GLM and a network both read (commander gives every value as a string). */
export interface CommonFitFlags {
  data?: string;
  target?: string;
  penalty?: string;
  lambda?: string;
  l1Ratio?: string;
  standardize: boolean;
  solver?: string;
  learningRate?: string;
  epochs?: string;
  tolerance?: string;
  maxIterations?: string;
  json?: boolean;
}

export interface MlpFitFlags extends CommonFitFlags {
  hidden?: string;
  activation?: string;
  output?: string;
  momentum?: string;
  batchSize?: string;
  seed?: string;
}

/** Flags only a network uses: given with a GLM they are an error, not ignored. */
export const MLP_ONLY_FLAGS = ['hidden', 'activation', 'output', 'momentum', 'batchSize', 'seed'] as const;
const FLAG_NAMES: Record<string, string> = { batchSize: '--batch-size', l1Ratio: '--l1-ratio' };
export const flagName = (field: string) => FLAG_NAMES[field] ?? `--${field}`;

const ACTIVATIONS: readonly MlpActivation[] = ['relu', 'tanh', 'logistic'];
const OUTPUTS: readonly MlpOutput[] = ['linear', 'logistic'];
const PENALTIES: readonly PenaltyKind[] = ['none', 'l1', 'l2', 'elasticnet'];

export function runMlpFit(flags: MlpFitFlags): void {
  const { network, solver, penalty, standardize } = validateMlpFlags(flags);
  // validateMlpFlags admits linear and logistic output only (a softmax network is fitted by a sweep).
  const dataset = loadDataset(flags.data!, { target: flags.target, model: network.output as 'linear' | 'logistic' });
  const rows = Int32Array.from({ length: dataset.x.rows }, (_, i) => i);
  const scaling = inputScaling(dataset, rows, standardize);
  const fit = trainMlp({ network, solver, penalty, train: scaledRows(dataset, rows, scaling) });
  const layout = mlpLayout(dataset.x.cols, network);
  const summary = {
    network,
    solver,
    penalty,
    objective: fit.objective,
    epochs: fit.epochsRun,
    status: fit.status,
    ...(fit.reason ? { reason: fit.reason } : {}),
    sparsity: fit.sparsity,
  };
  const output = flags.json
    ? JSON.stringify(
        {
          ...summary,
          learningCurve: { epochs: Array.from(fit.learningCurve.epochs), train: Array.from(fit.learningCurve.train) },
          inputScaling: {
            names: dataset.names,
            centres: Array.from(scaling.centres),
            scales: Array.from(scaling.scales),
          },
          parameters: unpackParameters(layout, fit.parameters),
        },
        null,
        2,
      )
    : mlpTable(fit, network, solver, penalty);
  process.stdout.write(output + '\n');
}

function mlpTable(
  fit: MlpFit,
  network: MlpNetwork,
  solver: MlpSolverConfig,
  penalty: { kind: PenaltyKind; lambda: number; l1Ratio: number },
): string {
  const { epochs, train } = fit.learningCurve;
  const loss = network.output === 'linear' ? 'mse' : 'logloss';
  // A handful of the recorded epochs, evenly spread, always the first and the last.
  const picks = [...new Set([0, 0.1, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * (epochs.length - 1))))];
  const { zeroWeights, totalWeights, deadUnits, totalUnits } = fit.sparsity;
  const lines = [
    `mlp [${network.hidden.join(', ')}] ${network.activation}, ${network.output} output, ` +
      `${penalty.kind}${penalty.kind === 'elasticnet' ? ` (r = ${penalty.l1Ratio})` : ''} λ = ${penalty.lambda}, ` +
      `${solver.kind} η = ${solver.learningRate}, ${solver.batchSize ? `batch ${solver.batchSize}` : 'full batch'}`,
    '',
    `training ${loss} by epoch`,
    ...picks.map((k) => `  epoch ${String(epochs[k]).padStart(7)}  ${format(train[k])}`),
    '',
    `zero weights    ${zeroWeights} of ${totalWeights} (${format((100 * zeroWeights) / totalWeights)} %)`,
    `dead units      ${deadUnits} of ${totalUnits} hidden units`,
    `objective       ${format(fit.objective)}`,
    `epochs          ${fit.epochsRun}`,
  ];
  if (fit.status !== 'ok') lines.push(`status          ${fit.status}${fit.reason ? `: ${fit.reason}` : ''}`);
  return lines.join('\n');
}

function format(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}

function validateMlpFlags(flags: MlpFitFlags) {
  const problems: InputProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (!flags.data) problem('--data', 'required: a CSV file or a built-in dataset name');
  for (const glmOnly of ['tolerance', 'maxIterations'] as const) {
    if (flags[glmOnly] !== undefined) problem(flagName(glmOnly), 'not used by --model mlp');
  }
  const hidden =
    flags.hidden === undefined
      ? DEFAULT_MLP.hidden
      : flags.hidden.trim() === ''
        ? []
        : flags.hidden.split(',').map(Number);
  if (hidden.length > 4 || !hidden.every((size) => Number.isInteger(size) && size >= 1 && size <= 4096)) {
    problem('--hidden', `must be 0–4 comma-separated layer sizes 1–4096 (e.g. 32,16), got "${flags.hidden}"`);
  }
  const activation = (flags.activation ?? 'relu') as MlpActivation;
  if (!ACTIVATIONS.includes(activation)) problem('--activation', `must be one of ${ACTIVATIONS.join(', ')}`);
  const output = (flags.output ?? 'linear') as MlpOutput;
  if (!OUTPUTS.includes(output)) problem('--output', `must be one of ${OUTPUTS.join(', ')}`);
  const kind = (flags.solver ?? 'adam') as 'sgd' | 'adam';
  if (kind !== 'sgd' && kind !== 'adam') problem('--solver', `--model mlp trains with sgd or adam, got "${kind}"`);
  const number = (flag: keyof MlpFitFlags, fallback: number, ok: (v: number) => boolean, rule: string) => {
    const text = flags[flag] as string | undefined;
    const value =
      text === undefined ? fallback : /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
    if (!ok(value)) problem(flagName(flag), `must be ${rule}, got "${text}"`);
    return value;
  };
  const learningRate = number(
    'learningRate',
    DEFAULT_MLP.learningRate,
    (v) => v > 0 && Number.isFinite(v),
    'a number > 0',
  );
  const momentum = number('momentum', kind === 'sgd' ? DEFAULT_MLP.momentum : 0, (v) => v >= 0 && v < 1, 'in [0, 1)');
  if (kind === 'adam' && flags.momentum !== undefined) problem('--momentum', 'only used with --solver sgd');
  const epochs = number(
    'epochs',
    DEFAULT_MLP.epochs,
    (v) => Number.isInteger(v) && v >= 1 && v <= 1e7,
    'an integer 1..10^7',
  );
  const batchSize =
    flags.batchSize === undefined
      ? undefined
      : number('batchSize', 0, (v) => Number.isInteger(v) && v >= 1, 'an integer ≥ 1');
  const seed = number('seed', DEFAULT_MLP.seed, (v) => Number.isSafeInteger(v) && v >= 0, 'an integer ≥ 0');
  const penaltyKind = (flags.penalty ?? 'none') as PenaltyKind;
  if (!PENALTIES.includes(penaltyKind)) problem('--penalty', `must be one of ${PENALTIES.join(', ')}`);
  const lambda =
    penaltyKind === 'none' ? 0 : number('lambda', 0, (v) => v >= 0 && Number.isFinite(v), 'a finite number ≥ 0');
  if (penaltyKind !== 'none' && flags.lambda === undefined)
    problem('--lambda', `required with --penalty ${penaltyKind}`);
  const l1Ratio =
    penaltyKind === 'elasticnet'
      ? number('l1Ratio', NaN, (v) => v > 0 && v < 1, 'strictly between 0 and 1')
      : penaltyKind === 'l1'
        ? 1
        : 0;
  if (problems.length > 0) throw new InvalidInputError(problems);
  return {
    network: { hidden, activation, output },
    solver: { kind, learningRate, momentum, epochs, seed, ...(batchSize !== undefined ? { batchSize } : {}) },
    penalty: { kind: penaltyKind, lambda, l1Ratio },
    standardize: flags.standardize,
  };
}
