/**
 * The plan of a `model: mlp` sweep. A network has no warm-started λ path, so every trial is its own curve of one λ
 * and every (trial, fold) is its own task: the pool balances them, and a trial's result does not depend on which
 * others ran beside it. A trial is a (penalty, l1Ratio, λ) point of the usual search space together with one value
 * of each network / solver field:
 *   grid    every point × every combination of the fields' choices (a plain value is a single choice)
 *   random  each point draws each swept field: a uniform choice, or from its range
 *           (log scale: exp(log min + u·(log max − log min)); linear: min + u·(max − min); batchSize rounded)
 *           from one mulberry32 stream seeded by search.seed, separate from the λ stream.
 *   tpe     the sampler asks each swept field with the point (mlpFieldDomains; mlpCurveOf builds its curve).
 */
import { mulberry32, randomIndex, type MlpActivation, type MlpPathSpec, type Rng } from '@regsweep/engine';
import { isChoices, isRange, isSwept, type Sweepable } from '../config/sweepable-value';
import type { FieldDomain, SearchPoint } from '../search/sampler';
import type {
  SweptParams,
  CurvePlan,
  MlpSolverSweepConfig,
  MlpTrialParams,
  NetworkSweepConfig,
  SweepConfig,
  SweepModel,
} from '../types';
import type { Model } from '@regsweep/engine';

/** Mixed into search.seed so the network fields' stream differs from the λ sampler's. */
const FIELD_STREAM = 0x5bd1e995;

/** The GLM whose loss the model trains: the network's output for mlp. */
export function glmModel(config: { model: SweepModel; network?: NetworkSweepConfig }): Model {
  // The multinomial path spec carries `multinomial`, a softmax network its K classes; the `model` of both is the
  // binary family they generalize.
  if (config.model === 'multinomial') return 'logistic';
  if (config.model !== 'mlp') return config.model;
  return config.network?.output === 'linear' ? 'linear' : 'logistic';
}

/**
 * search.refit chosen (model mlp): a trial's tasks are its validation folds only; the full-data network (fold 0) is
 * trained afterwards, for the trials the report reads (refit-trials.ts), as a round of tasks of its own.
 */
export function refitsChosen(config: Pick<SweepConfig, 'model' | 'search'>): boolean {
  return config.model === 'mlp' && config.search.refit === 'chosen';
}

/** The folds a trial's tasks run when it is planned: 1..K, and the full-data fold 0 unless refitsChosen. */
export function plannedFolds<F extends { readonly fold: number }>(
  config: Pick<SweepConfig, 'model' | 'search'>,
  folds: readonly F[],
): F[] {
  return refitsChosen(config) ? folds.filter(({ fold }) => fold !== 0) : [...folds];
}

/** model multinomial, or model mlp with softmax output: the target must hold class labels. */
export function fitsClassLabels(config: { model: SweepModel; network?: NetworkSweepConfig }): boolean {
  return config.model === 'multinomial' || (config.model === 'mlp' && config.network?.output === 'softmax');
}

export function mlpCurves(config: SweepConfig, points: readonly SearchPoint[]): CurvePlan[] {
  const network = config.network!;
  const solver = config.solver as MlpSolverSweepConfig;
  const trials: { point: SearchPoint; params: MlpTrialParams }[] = [];
  if (config.search.strategy === 'grid') {
    const combinations = gridCombinations(network, solver);
    for (const params of combinations) for (const point of points) trials.push({ point, params });
  } else {
    const rng = mulberry32((config.search.seed ^ FIELD_STREAM) >>> 0);
    for (const point of points) trials.push({ point, params: drawParams(network, solver, rng) });
  }
  return trials.map(({ point, params }, index) => trialCurve(index, point, params, network, solver));
}

/** The swept fields as an adaptive sampler's axes (in the fixed order hidden, activation, learningRate, batchSize). */
export function mlpFieldDomains(config: SweepConfig): FieldDomain[] {
  const network = config.network!;
  const solver = config.solver as MlpSolverSweepConfig;
  const fields: [string, Sweepable<unknown> | undefined, boolean][] = [
    ['hidden', network.hidden, false],
    ['activation', network.activation, false],
    ['learningRate', solver.learningRate, false],
    ['batchSize', solver.batchSize, true],
  ];
  const domains: FieldDomain[] = [];
  for (const [name, field, integer] of fields) {
    if (field === undefined || !isSwept(field)) continue;
    if (isChoices(field)) domains.push({ name, kind: 'choices', choices: field.choices });
    else if (isRange(field)) domains.push({ name, kind: 'range', ...field.range, ...(integer ? { integer } : {}) });
  }
  return domains;
}

/** The curve of one asked point (tpe): its `fields` in place of the swept fields, the plain values elsewhere. */
export function mlpCurveOf(config: SweepConfig, point: SearchPoint, index: number): CurvePlan {
  const network = config.network!;
  const solver = config.solver as MlpSolverSweepConfig;
  const asked = point.fields ?? {};
  const value = <T>(name: string, field: Sweepable<T>): T => (isSwept(field) ? (asked[name] as T) : (field as T));
  const batchSize = solver.batchSize === undefined ? undefined : value('batchSize', solver.batchSize);
  const params: MlpTrialParams = {
    hidden: [...value<readonly number[]>('hidden', network.hidden)],
    activation: value<MlpActivation>('activation', network.activation),
    learningRate: value('learningRate', solver.learningRate),
    ...(batchSize !== undefined ? { batchSize } : {}),
  };
  return trialCurve(index, point, params, network, solver);
}

/** A trial's curve: its point's single λ, fitted by the network `params` make of the config's fields. */
function trialCurve(
  index: number,
  point: SearchPoint,
  params: MlpTrialParams,
  network: NetworkSweepConfig,
  solver: MlpSolverSweepConfig,
): CurvePlan {
  return {
    index,
    penalty: point.penalty,
    l1Ratio: point.l1Ratio,
    lambdas: Float64Array.of(point.lambda),
    params: sweptOnly(params, network, solver),
    mlp: pathSpec(network, solver, params),
  };
}

function gridCombinations(network: NetworkSweepConfig, solver: MlpSolverSweepConfig): MlpTrialParams[] {
  const values = <T>(field: Sweepable<T> | undefined): (T | undefined)[] =>
    field === undefined ? [undefined] : isChoices(field) ? [...field.choices] : [field as T];
  const combinations: MlpTrialParams[] = [];
  for (const hidden of values(network.hidden))
    for (const activation of values(network.activation))
      for (const learningRate of values(solver.learningRate))
        for (const batchSize of values(solver.batchSize))
          combinations.push({
            hidden: [...hidden!],
            activation: activation!,
            learningRate: learningRate!,
            ...(batchSize !== undefined ? { batchSize } : {}),
          });
  return combinations;
}

function drawParams(network: NetworkSweepConfig, solver: MlpSolverSweepConfig, rng: Rng): MlpTrialParams {
  const batchSize = solver.batchSize === undefined ? undefined : Math.round(draw(solver.batchSize, rng));
  return {
    hidden: [...draw(network.hidden, rng)],
    activation: draw<MlpActivation>(network.activation, rng),
    learningRate: draw(solver.learningRate, rng),
    ...(batchSize !== undefined ? { batchSize } : {}),
  };
}

function draw<T>(field: Sweepable<T>, rng: Rng): T {
  if (isChoices(field)) return field.choices[randomIndex(rng, field.choices.length)];
  if (isRange(field)) {
    const { min, max, scale } = field.range;
    const u = rng();
    return (
      scale === 'linear' ? min + u * (max - min) : Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)))
    ) as T;
  }
  return field;
}

/** The values of the fields the config sweeps (what the trials API and the report show under `params`). */
function sweptOnly(params: MlpTrialParams, network: NetworkSweepConfig, solver: MlpSolverSweepConfig): SweptParams {
  return {
    ...(isSwept(network.hidden) ? { hidden: params.hidden } : {}),
    ...(isSwept(network.activation) ? { activation: params.activation } : {}),
    ...(isSwept(solver.learningRate) ? { learningRate: params.learningRate } : {}),
    ...(solver.batchSize !== undefined && isSwept(solver.batchSize) ? { batchSize: params.batchSize } : {}),
  };
}

function pathSpec(network: NetworkSweepConfig, solver: MlpSolverSweepConfig, params: MlpTrialParams): MlpPathSpec {
  return {
    network: { hidden: params.hidden, activation: params.activation, output: network.output },
    solver: {
      kind: solver.kind,
      learningRate: params.learningRate,
      momentum: solver.momentum,
      epochs: solver.epochs,
      ...(params.batchSize !== undefined ? { batchSize: params.batchSize } : {}),
      seed: solver.seed,
      ...(solver.earlyStopping ? { earlyStopping: solver.earlyStopping } : {}),
    },
  };
}
