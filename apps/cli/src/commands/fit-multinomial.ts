/**
 * `regsweep fit --model multinomial [--grouped]` (SPEC §7): one multinomial fit at one λ on every row, printed as
 * {intercept: {class: value}, coefficients: {class: {feature: value}}, objective, iterations, converged}, the
 * intercepts centred to sum to zero as glmnet reports them.
 */
import {
  fitMultinomialOne,
  multinomialDatasetOf,
  perClassCoefficients,
  type MultinomialPointFit,
} from '@regsweep/engine';
import type { CdSolverConfig, PenaltyKind } from '@regsweep/engine';
import { loadDataset, multinomialClassesOf } from '@regsweep/datasets';

export interface MultinomialFitRequest {
  readonly data: string;
  readonly target?: string;
  readonly penalty: { kind: PenaltyKind; l1Ratio: number };
  readonly lambda: number;
  readonly standardize: boolean;
  readonly grouped: boolean;
  readonly solver: CdSolverConfig;
}

export function runMultinomialFit(request: MultinomialFitRequest, json: boolean): string {
  const parsed = loadDataset(request.data, { target: request.target });
  multinomialClassesOf(parsed); // text labels or integer class codes: a float target or one class is exit 2
  const data = multinomialDatasetOf(parsed);
  const fit = fitMultinomialOne(data, request);
  const output = multinomialFitJson(fit, data.classes, parsed.names);
  return json ? JSON.stringify(output, null, 2) : multinomialFitTable(fit, data.classes, parsed.names, request);
}

export function multinomialFitJson(fit: MultinomialPointFit, classes: readonly string[], names: readonly string[]) {
  const json: Record<string, unknown> = {
    ...perClassCoefficients(fit, classes, names),
    objective: fit.objective,
    iterations: fit.iterations,
    converged: fit.converged,
  };
  if (fit.status !== 'ok') Object.assign(json, { status: fit.status, reason: fit.reason });
  return json;
}

/** One row per feature (the intercept first), one column per class. */
function multinomialFitTable(
  fit: MultinomialPointFit,
  classes: readonly string[],
  names: readonly string[],
  request: MultinomialFitRequest,
): string {
  const p = names.length;
  const format = (value: number) => (Number.isFinite(value) ? String(Number(value.toPrecision(8))) : String(value));
  const rows = [
    ['', ...classes],
    ['intercept', ...classes.map((_, k) => format(fit.intercepts[k]))],
    ...names.map((name, j) => [name, ...classes.map((_, k) => format(fit.coefficients[k * p + j]))]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const { penalty } = request;
  const penaltyText =
    penalty.kind === 'none'
      ? 'no penalty'
      : `${penalty.kind}${penalty.kind === 'elasticnet' ? ` (r = ${penalty.l1Ratio})` : ''}, λ = ${request.lambda}`;
  const lines = [
    `multinomial model (${request.grouped ? 'grouped' : 'ungrouped'}), ${penaltyText}, ${request.standardize ? 'standardized' : 'raw scale'}`,
    '',
    ...rows.map(
      (row) => '  ' + row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '),
    ),
    '',
    `features in the model  ${fit.nonzeros} of ${p}`,
    `objective              ${format(fit.objective)}`,
    `iterations             ${fit.iterations} (${fit.converged ? 'converged' : 'not converged'})`,
  ];
  if (fit.status !== 'ok') lines.push(`status                 ${fit.status}${fit.reason ? `: ${fit.reason}` : ''}`);
  return lines.join('\n');
}
