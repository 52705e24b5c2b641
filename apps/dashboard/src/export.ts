/**
 * Client-side export: turns what the API returned into CSV. Nothing is computed here that the
 * API did not already say. (The browser download itself is in download.ts.)
 */
import { flatCoefficients } from './api/coefficient-path';
import type { SweepReport, TrialJson } from './api/types';

type Cell = string | number | boolean | null | undefined;

/** RFC 4180 quoting; text cells starting with = + @ get a leading ' so spreadsheets do not run them as formulas. */
function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/** One row per curve point of every penalty. */
export function reportCsv(report: SweepReport): string {
  const header = [
    'penalty',
    'l1Ratio',
    'lambda',
    'train',
    'validation',
    'validationSd',
    'gap',
    'nonzeros',
    'isLambdaMin',
    'isLambda1se',
  ];
  const rows = report.penalties.flatMap((p) =>
    p.curve.map((point) => [
      p.penalty,
      p.l1Ratio,
      point.lambda,
      point.train,
      point.validation,
      point.validationSd,
      point.gap,
      point.nonzeros,
      point.lambda === p.lambdaMin,
      point.lambda === p.lambda1se,
    ]),
  );
  return toCsv(header, rows);
}

function classIntercepts(trial: TrialJson): Record<string, number> {
  const entries = Object.entries(trial.intercepts ?? {}).map(([label, value]) => [`${label}: (intercept)`, value]);
  return Object.fromEntries(entries) as Record<string, number>;
}

/** One row per trial: its statistics, its coefficients and each fold's train/validation value. */
export function trialsCsv(trials: readonly TrialJson[]): string {
  // A multinomial trial's {class: {feature: value}} (and {class: value} intercepts) as "class: feature" columns.
  const flat = new Map(trials.map((t) => [t, { ...flatCoefficients(t.coefficients ?? {}), ...classIntercepts(t) }]));
  const coefficientNames = [...new Set(trials.flatMap((t) => Object.keys(flat.get(t)!)))];
  const foldNumbers = [...new Set(trials.flatMap((t) => (t.folds ?? []).map((f) => f.fold)))].sort((a, b) => a - b);
  const header = [
    'id',
    'key',
    'penalty',
    'l1Ratio',
    'lambda',
    'status',
    'trainMean',
    'validationMean',
    'validationSd',
    'gap',
    'nonzeros',
    'intercept',
    ...coefficientNames.map((name) => `coef:${name}`),
    ...foldNumbers.flatMap((fold) => [`fold${fold}:train`, `fold${fold}:validation`]),
  ];
  const rows = trials.map((t) => {
    const byFold = new Map((t.folds ?? []).map((f) => [f.fold, f]));
    return [
      t.id,
      t.key,
      t.penalty,
      t.l1Ratio,
      t.lambda,
      t.status,
      t.trainMean,
      t.validationMean,
      t.validationSd,
      t.gap,
      t.nonzeros,
      t.intercept,
      ...coefficientNames.map((name) => flat.get(t)![name]),
      ...foldNumbers.flatMap((fold) => [byFold.get(fold)?.train, byFold.get(fold)?.validation]),
    ];
  });
  return toCsv(header, rows);
}
