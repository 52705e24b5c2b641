/** What `regsweep fit` does (fit.command.ts registers it): the flags validated all at once, the fit, its output. */
import { fitOne, type Model, type PenaltyKind, type PointFit, type SolverConfig } from '@regsweep/engine';
import { loadDataset } from '@regsweep/datasets';
import { InvalidInputError, type InputProblem } from '@regsweep/errors';
import { DEFAULT_CD, DEFAULT_GD } from './fit.command';
import { flagName, MLP_ONLY_FLAGS, runMlpFit, type CommonFitFlags, type MlpFitFlags } from './fit-mlp';
import { runMultinomialFit } from './fit-multinomial';

export interface FitFlags extends CommonFitFlags {
  model?: string;
  grouped?: boolean;
}

/** A validated fit request. */
interface FitRequest {
  data: string;
  target?: string;
  model: Model;
  penalty: { kind: PenaltyKind; l1Ratio: number };
  lambda: number;
  standardize: boolean;
  solver: SolverConfig;
}

const MODELS: readonly Model[] = ['linear', 'logistic'];
const PENALTIES: readonly PenaltyKind[] = ['none', 'l1', 'l2', 'elasticnet'];

export function runFitCommand(flags: FitFlags & MlpFitFlags): void {
  if (flags.model === 'mlp') runMlpFit(flags);
  else runFit(flags);
}

function runFit(flags: FitFlags): void {
  if (flags.model === 'multinomial') {
    // Every other flag is checked as for logistic; multinomial fits use cd only.
    const request = validateFlags({ ...flags, model: 'logistic' });
    if (request.solver.kind !== 'cd') {
      throw new InvalidInputError([{ path: '--solver', message: 'multinomial fits use --solver cd' }]);
    }
    const { data, target, penalty, lambda, standardize, solver } = request;
    const grouped = flags.grouped === true;
    const output = runMultinomialFit({ data, target, penalty, lambda, standardize, grouped, solver }, !!flags.json);
    process.stdout.write(output + '\n');
    return;
  }
  if (flags.grouped)
    throw new InvalidInputError([{ path: '--grouped', message: 'only used with --model multinomial' }]);
  const request = validateFlags(flags);
  const dataset = loadDataset(request.data, { target: request.target, model: request.model });
  const fit = fitOne(dataset, {
    model: request.model,
    penalty: request.penalty,
    lambda: request.lambda,
    standardize: request.standardize,
    solver: request.solver,
  });
  const output = flags.json
    ? JSON.stringify(fitJson(fit, dataset.names), null, 2)
    : fitTable(fit, dataset.names, request);
  process.stdout.write(output + '\n');
}

/** Exactly {intercept, coefficients, objective, iterations, converged}, plus status/reason when the fit is not ok. */
export function fitJson(fit: PointFit, names: readonly string[]) {
  const coefficients = Object.fromEntries(names.map((name, j) => [name, fit.coefficients[j]]));
  const json: Record<string, unknown> = {
    intercept: fit.intercept,
    coefficients,
    objective: fit.objective,
    iterations: fit.iterations,
    converged: fit.converged,
  };
  if (fit.status !== 'ok') Object.assign(json, { status: fit.status, reason: fit.reason });
  return json;
}

function fitTable(fit: PointFit, names: readonly string[], request: FitRequest): string {
  const { penalty } = request;
  const penaltyText =
    penalty.kind === 'none'
      ? 'no penalty'
      : `${penalty.kind}${penalty.kind === 'elasticnet' ? ` (r = ${penalty.l1Ratio})` : ''}, λ = ${request.lambda}`;
  const rows: [string, string][] = [
    ['intercept', formatNumber(fit.intercept)],
    ...names.map((name, j): [string, string] => [name, formatNumber(fit.coefficients[j])]),
  ];
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  const lines = [
    `${request.model} model, ${penaltyText}, ${request.standardize ? 'standardized' : 'raw scale'}, solver ${request.solver.kind}`,
    '',
    ...rows.map(([name, value]) => `  ${name.padEnd(nameWidth)}  ${value.padStart(valueWidth)}`),
    '',
    `nonzero coefficients  ${fit.nonzeros} of ${names.length}`,
    `objective             ${formatNumber(fit.objective)}`,
    `iterations            ${fit.iterations} (${fit.converged ? 'converged' : 'not converged'})`,
  ];
  if (fit.status !== 'ok') lines.push(`status                ${fit.status}${fit.reason ? `: ${fit.reason}` : ''}`);
  return lines.join('\n');
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(8))) : String(value);
}

/** Every flag checked, every problem reported: λ finite ≥ 0, r in (0, 1) for elasticnet only, gd flags with gd only. */
function validateFlags(flags: FitFlags): FitRequest {
  const problems: InputProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });

  if (!flags.data) problem('--data', 'required: a CSV file or a built-in dataset name');
  const model = flags.model as Model;
  if (!MODELS.includes(model))
    problem('--model', `must be one of ${[...MODELS, 'multinomial', 'mlp'].join(', ')}, got "${flags.model}"`);
  const kind = flags.penalty as PenaltyKind;
  if (flags.penalty === undefined) problem('--penalty', `required: one of ${PENALTIES.join(', ')}`);
  else if (!PENALTIES.includes(kind))
    problem('--penalty', `must be one of ${PENALTIES.join(', ')}, got "${flags.penalty}"`);

  let lambda = 0;
  if (kind !== 'none') {
    if (flags.lambda === undefined) {
      if (PENALTIES.includes(kind)) problem('--lambda', `required with --penalty ${kind}`);
    } else {
      lambda = parseNumber(flags.lambda);
      if (!(lambda >= 0) || !Number.isFinite(lambda))
        problem('--lambda', `must be a finite number ≥ 0, got "${flags.lambda}"`);
    }
  }

  let l1Ratio = kind === 'l1' ? 1 : 0;
  if (kind === 'elasticnet') {
    if (flags.l1Ratio === undefined) problem('--l1-ratio', 'required with --penalty elasticnet');
    else {
      l1Ratio = parseNumber(flags.l1Ratio);
      if (!(l1Ratio > 0 && l1Ratio < 1))
        problem('--l1-ratio', `must be strictly between 0 and 1, got "${flags.l1Ratio}"`);
    }
  } else if (flags.l1Ratio !== undefined) {
    problem('--l1-ratio', 'only used with --penalty elasticnet (l1 means r = 1, l2 means r = 0)');
  }

  const solver = validateSolver(flags, problem);
  for (const field of MLP_ONLY_FLAGS) {
    if ((flags as MlpFitFlags)[field] !== undefined) problem(flagName(field), 'only used with --model mlp');
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return {
    data: flags.data ?? '',
    target: flags.target,
    model,
    penalty: { kind, l1Ratio },
    lambda,
    standardize: flags.standardize,
    solver,
  };
}

function validateSolver(flags: FitFlags, problem: (path: string, message: string) => void): SolverConfig {
  const tolerance = flags.tolerance === undefined ? undefined : parseNumber(flags.tolerance);
  if (tolerance !== undefined && !(tolerance > 0 && Number.isFinite(tolerance))) {
    problem('--tolerance', `must be a finite number > 0, got "${flags.tolerance}"`);
  }
  const kind = flags.solver ?? 'cd';
  if (kind === 'gd') {
    if (flags.maxIterations !== undefined) problem('--max-iterations', 'only used with --solver cd (gd runs --epochs)');
    const learningRate = flags.learningRate === undefined ? DEFAULT_GD.learningRate : parseNumber(flags.learningRate);
    if (!(learningRate > 0 && Number.isFinite(learningRate))) {
      problem('--learning-rate', `must be a finite number > 0, got "${flags.learningRate}"`);
    }
    const epochs = flags.epochs === undefined ? DEFAULT_GD.epochs : parseNumber(flags.epochs);
    if (!(Number.isInteger(epochs) && epochs >= 1 && epochs <= 1e7)) {
      problem('--epochs', `must be an integer from 1 to 10^7, got "${flags.epochs}"`);
    }
    return { kind: 'gd', learningRate, epochs, tolerance: tolerance ?? DEFAULT_GD.tolerance };
  }
  if (kind !== 'cd') problem('--solver', `must be cd or gd, got "${flags.solver}"`);
  if (flags.learningRate !== undefined) problem('--learning-rate', 'only used with --solver gd');
  if (flags.epochs !== undefined) problem('--epochs', 'only used with --solver gd');
  const maxIterations = flags.maxIterations === undefined ? DEFAULT_CD.maxIterations : parseNumber(flags.maxIterations);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) {
    problem('--max-iterations', `must be a positive integer, got "${flags.maxIterations}"`);
  }
  return { kind: 'cd', tolerance: tolerance ?? DEFAULT_CD.tolerance, maxIterations };
}

/** A plain decimal number, or NaN ("", "0x10" and "1e" are not numbers here, although Number() takes some). */
function parseNumber(text: string): number {
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
}
