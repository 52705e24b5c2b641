/**
 * The new-sweep form's state and its translation into a sweep config (SPEC §2). Only fields the
 * chosen kinds use are sent (the server rejects unknown or unused fields); empty inputs are left
 * out so the server's defaults apply; text that is not a number is sent as typed so the server's
 * message names the field.
 */
import type { PenaltyKind, SweepConfigBody } from '../api/types';

export interface SweepForm {
  name: string;
  dataset: string;
  target: string;
  model: 'linear' | 'logistic' | 'mlp' | 'multinomial';
  /** mlp: hidden layer sizes "32, 16"; alternatives separated by "|" ("16 | 32, 16") are swept as {choices}. */
  hidden: string;
  activation: 'relu' | 'tanh' | 'logistic';
  output: 'linear' | 'logistic' | 'softmax';
  /** model multinomial: glmnet's grouped penalty (one group per feature across the classes). */
  grouped: boolean;
  penalties: PenaltyKind[];
  l1Ratios: string;
  lambdaMode: 'auto' | 'range' | 'values';
  autoCount: string;
  autoMinRatio: string;
  rangeMin: string;
  rangeMax: string;
  rangeCount: string;
  rangeScale: 'log' | 'linear';
  lambdaValues: string;
  splitKind: 'kfold' | 'holdout';
  folds: string;
  shuffle: boolean;
  splitSeed: string;
  validationFraction: string;
  testFraction: string;
  strategy: 'grid' | 'random';
  trials: string;
  searchSeed: string;
  solverKind: 'cd' | 'gd' | 'sgd' | 'adam';
  tolerance: string;
  maxIterations: string;
  learningRate: string;
  epochs: string;
  /** mlp: rows per mini-batch; empty means full batch. */
  batchSize: string;
  standardize: boolean;
  metric: string;
  selection: '1se' | 'min';
  concurrency: string;
}

export const METRICS = {
  linear: ['mse', 'mae', 'r2'],
  logistic: ['logloss', 'accuracy', 'auc'],
  multinomial: ['logloss', 'accuracy', 'f1'],
} as const;

/** The metrics of the form's task: a network's is its output's (regression, binary, or multiclass for softmax). */
export function metricsFor(form: Pick<SweepForm, 'model' | 'output'>): readonly string[] {
  if (form.model !== 'mlp') return METRICS[form.model];
  return form.output === 'softmax' ? METRICS.multinomial : METRICS[form.output];
}

/**
 * The form after choosing another model: the metric list follows the task, and the solver the family (cd for the
 * GLMs, adam for networks, each with its own learning-rate and epoch defaults), since the server refuses a GLM
 * solver for a network and the reverse.
 */
export function withModel(form: SweepForm, model: SweepForm['model']): SweepForm {
  const next = { ...form, model };
  const wasNetwork = form.model === 'mlp';
  const isNetwork = model === 'mlp';
  if (isNetwork && !wasNetwork) Object.assign(next, { solverKind: 'adam', learningRate: '0.01', epochs: '200' });
  if (!isNetwork && wasNetwork) Object.assign(next, { solverKind: 'cd', learningRate: '0.1', epochs: '1000' });
  return { ...next, metric: metricsFor(next)[0] };
}
export const ALL_PENALTIES: PenaltyKind[] = ['none', 'l1', 'l2', 'elasticnet'];

/** Every config path the form has an input for; server errors are shown next to these. */
export const FIELD_PATHS = [
  'name',
  'dataset',
  'target',
  'model',
  'network',
  'network.hidden',
  'network.activation',
  'network.output',
  'multinomial',
  'multinomial.grouped',
  'penalties',
  'l1Ratios',
  'lambdas',
  'lambdas.auto.count',
  'lambdas.auto.minRatio',
  'lambdas.range.min',
  'lambdas.range.max',
  'lambdas.range.count',
  'lambdas.range.scale',
  'lambdas.values',
  'split',
  'split.folds',
  'split.shuffle',
  'split.seed',
  'split.validationFraction',
  'testFraction',
  'search',
  'search.trials',
  'search.seed',
  'solver',
  'solver.kind',
  'solver.batchSize',
  'solver.tolerance',
  'solver.maxIterations',
  'solver.learningRate',
  'solver.epochs',
  'standardize',
  'metric',
  'selection',
  'concurrency',
] as const;

export function initialForm(): SweepForm {
  return {
    name: '',
    dataset: '',
    target: '',
    model: 'linear',
    hidden: '32',
    activation: 'relu',
    output: 'linear',
    grouped: false,
    penalties: ['l1', 'l2'],
    l1Ratios: '0.5',
    lambdaMode: 'auto',
    autoCount: '100',
    autoMinRatio: '',
    rangeMin: '0.0001',
    rangeMax: '10',
    rangeCount: '50',
    rangeScale: 'log',
    lambdaValues: '0.01, 0.1, 1',
    splitKind: 'kfold',
    folds: '10',
    shuffle: true,
    splitSeed: '42',
    validationFraction: '0.2',
    testFraction: '0',
    strategy: 'grid',
    trials: '60',
    searchSeed: '7',
    solverKind: 'cd',
    tolerance: '',
    maxIterations: '',
    learningRate: '0.1',
    epochs: '1000',
    batchSize: '64',
    standardize: true,
    metric: 'mse',
    selection: '1se',
    concurrency: '',
  };
}

/** '' → left out; a number → the number; anything else → the text, for the server to refuse by name. */
function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

function numberList(text: string): (number | string)[] {
  return text
    .split(/[,\s]+/)
    .filter((part) => part !== '')
    .map((part) => numberOrText(part) as number | string);
}

/** "32, 16" → [32, 16]; "" → [] (no hidden layer); "16 | 32, 16" → {choices: [[16], [32, 16]]}. */
function hiddenLayers(text: string): unknown {
  const alternatives = text.split('|').map(numberList);
  return alternatives.length > 1 ? { choices: alternatives } : alternatives[0];
}

/** Drops undefined members so the JSON holds only what the user gave. */
function defined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

export function buildConfig(form: SweepForm): SweepConfigBody {
  const lambdas =
    form.lambdaMode === 'auto'
      ? { auto: defined({ count: numberOrText(form.autoCount), minRatio: numberOrText(form.autoMinRatio) }) }
      : form.lambdaMode === 'range'
        ? {
            range: defined({
              min: numberOrText(form.rangeMin),
              max: numberOrText(form.rangeMax),
              count: numberOrText(form.rangeCount),
              scale: form.rangeScale,
            }),
          }
        : { values: numberList(form.lambdaValues) };
  const split =
    form.splitKind === 'kfold'
      ? defined({
          kind: 'kfold',
          folds: numberOrText(form.folds),
          shuffle: form.shuffle,
          seed: numberOrText(form.splitSeed),
        })
      : defined({
          kind: 'holdout',
          validationFraction: numberOrText(form.validationFraction),
          seed: numberOrText(form.splitSeed),
        });
  const search =
    form.strategy === 'random'
      ? defined({ strategy: 'random', trials: numberOrText(form.trials), seed: numberOrText(form.searchSeed) })
      : { strategy: 'grid' };
  const network =
    form.model === 'mlp'
      ? { hidden: hiddenLayers(form.hidden), activation: form.activation, output: form.output }
      : undefined;
  const solver =
    form.solverKind === 'sgd' || form.solverKind === 'adam'
      ? defined({
          kind: form.solverKind,
          learningRate: numberOrText(form.learningRate),
          epochs: numberOrText(form.epochs),
          batchSize: numberOrText(form.batchSize),
        })
      : form.solverKind === 'cd'
        ? defined({
            kind: 'cd',
            tolerance: numberOrText(form.tolerance),
            maxIterations: numberOrText(form.maxIterations),
          })
        : defined({
            kind: 'gd',
            learningRate: numberOrText(form.learningRate),
            epochs: numberOrText(form.epochs),
            tolerance: numberOrText(form.tolerance),
          });
  return defined({
    name: form.name,
    dataset: form.dataset,
    target: form.target || undefined,
    model: form.model,
    network,
    multinomial: form.model === 'multinomial' ? { grouped: form.grouped } : undefined,
    penalties: form.penalties,
    l1Ratios: form.penalties.includes('elasticnet') ? numberList(form.l1Ratios) : undefined,
    lambdas,
    split,
    testFraction: numberOrText(form.testFraction),
    search,
    solver,
    standardize: form.standardize,
    metric: form.metric,
    selection: form.selection,
    concurrency: numberOrText(form.concurrency),
  });
}
