/**
 * Search efficiency, the MLP task and ASHA (issue 13 (c) and the pruning target):
 *  - trials until the best 3-fold CV mse is within 1% of the exhaustive grid's best (mlp-search-objective.ts), for
 *    random search, regsweep's TPE and Optuna's TPESampler on the same objective and folds, median over 20 seeds.
 *    Random search here is the TPE sampler with no end to its start-up phase: uniform draws on every axis (λ and the
 *    learning rate log-uniform, the choices uniform), the draws regsweep's random mlp search makes.
 *  - ASHA (η 4, rungs at epochs 1, 4, 16) and Hyperband (η 3, brackets whose first rung is at epoch 1, 3, 9, 27) on
 *    fold 1's epochs, as the sweep runner does it (adaptive-search-step.ts): total epochs run by a 30-trial TPE
 *    search with the pruner against the same search without it, and whether the pruned search's best CV loss is
 *    within one validationSd (of the unpruned best trial) of the unpruned best. Under Hyperband, TPE fits on the
 *    asking trial's bracket only (samplerOutcomes), as the runner and Optuna do. A trial past fold 1's epochs runs
 *    its other folds one after another, judged after each but the last on its running CV mean (stopsAfterFold).
 *
 * Run on its own: node dist/bench/src/jobs/mlp-search-efficiency.js [--no-optuna | --asha-variants | --hyperband-variants
 *   [minResource,η …] | --pruner-rows | --efficiency-only] [--first-seed N] [--optuna-multivariate]
 */
import {
  cvStatistics,
  evaluateFold,
  keptEpochs,
  rungStopOnCurve,
  type Dataset,
  type FoldRows,
  type PathSpec,
} from '@regsweep/engine';
import {
  AshaPruner,
  ASHA_DEFAULTS,
  HyperbandPruner,
  HYPERBAND_DEFAULTS,
  IntermediateValues,
  OPTUNA_TPE_DEFAULTS,
  samplerOutcomes,
  stopsAfterFold,
  TpeSampler,
  tpeSettings,
  withEpochRungs,
  type AshaSettings,
  type HyperbandSettings,
  type Pruner,
  type SearchPoint,
  type SearchSpace,
  type TrialOutcome,
} from '@regsweep/sweep';
import { loadDataset } from '@regsweep/datasets';
import { makeSplitPlan, validationFolds } from '@regsweep/engine';
import { anchors } from '../anchors';
import { printTable, type BenchRow } from '../report-table';
import { MLP_TASK, mlpSearchObjective, mlpSpec } from './mlp-search-objective';
import { askOptuna, FIRST_SEED, median, show, trialsTo } from './search-efficiency';

const SEEDS = 20;
/** `--optuna-multivariate`: Optuna's TPESampler(multivariate=True) as the anchor (a check of regsweep's joint TPE). */
const OPTUNA_MULTIVARIATE = process.argv.includes('--optuna-multivariate');
const OPTUNA_NAME = OPTUNA_MULTIVARIATE ? 'Optuna TPESampler (multivariate)' : 'Optuna TPESampler';
const MAX_TRIALS = 100;
const ASHA_TRIALS = 30;

async function tpeRun(sampler: TpeSampler, space: SearchSpace, evaluate: (p: SearchPoint) => number, target: number) {
  const finished: TrialOutcome[] = [];
  for (let number = 0; number < sampler.trials; number++) {
    const point = sampler.ask(space, number, finished);
    const value = evaluate(point);
    finished.push({ number, point, state: 'complete', value });
    if (value <= target) break;
  }
  return finished.map((t) => t.value);
}

export async function mlpEfficiencyRows(optuna: boolean): Promise<BenchRow[]> {
  const objective = mlpSearchObjective();
  const gridBest = objective.gridBest();
  const target = gridBest * 1.01;
  const uniform = { ...OPTUNA_TPE_DEFAULTS, nStartupTrials: Infinity };
  const counts = { random: [] as number[], tpe: [] as number[], optuna: [] as number[] };
  const fields = [
    { name: 'hidden', choices: MLP_TASK.hidden },
    { name: 'activation', choices: MLP_TASK.activations },
    { name: 'learningRate', min: MLP_TASK.learningRateMin, max: MLP_TASK.learningRateMax, log: true },
  ];
  for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
    const random = new TpeSampler(MAX_TRIALS, seed, uniform);
    counts.random.push(trialsTo(await tpeRun(random, objective.space, objective.evaluate, target), target, MAX_TRIALS));
    const tpe = new TpeSampler(MAX_TRIALS, seed);
    counts.tpe.push(trialsTo(await tpeRun(tpe, objective.space, objective.evaluate, target), target, MAX_TRIALS));
    if (optuna) {
      const spec = { seed, trials: MAX_TRIALS, l1Ratios: [], fields, multivariate: OPTUNA_MULTIVARIATE, ...pickTask() };
      counts.optuna.push(trialsTo(await askOptuna(spec, objective.evaluate, target), target, MAX_TRIALS));
    }
  }
  const job = `search efficiency, ${MLP_TASK.label}: trials to within 1% of the grid's best, median of seeds ${FIRST_SEED}–${FIRST_SEED + SEEDS - 1}`;
  const note =
    `grid best ${gridBest.toPrecision(6)} (240 points); per seed random [${show(counts.random, MAX_TRIALS)}], ` +
    `TPE [${show(counts.tpe, MAX_TRIALS)}]` +
    (optuna ? `, Optuna [${show(counts.optuna, MAX_TRIALS)}]` : '');
  return [
    {
      job: `${job}: TPE vs ${OPTUNA_NAME}`,
      regsweep: median(counts.tpe),
      anchorName: OPTUNA_NAME,
      anchor: optuna ? median(counts.optuna) : undefined,
      unit: 'count',
      note,
    },
    {
      job: `${job}: TPE vs regsweep random`,
      regsweep: median(counts.tpe),
      anchorName: 'regsweep random',
      anchor: median(counts.random),
      unit: 'count',
    },
  ];
}

const pickTask = () => ({
  penalties: MLP_TASK.penalties,
  lambdaMin: MLP_TASK.lambdaMin,
  lambdaMax: MLP_TASK.lambdaMax,
});

/** A trained-trial task for the ASHA rows: the space, the spec of a point, and the epochs. */
export interface TrainedTask {
  readonly label: string;
  readonly space: SearchSpace;
  readonly spec: (point: SearchPoint) => PathSpec;
  readonly epochs: number;
  readonly data: Dataset;
  readonly folds: FoldRows[];
  /** The pruner of a search with seed `seed` (Hyperband hashes the seed into its brackets). */
  readonly pruner: (seed: number) => Pruner;
  readonly prunerLabel: string;
}

/**
 * One TPE search of `trials` trials, sequential, with or without the task's pruner: the epochs it ran (the sum of
 * every fit's epochs), the points it asked, how many it pruned, every trial's outcome, and the best complete trial
 * (number, CV loss, sd).
 */
export function ashaSearch(task: TrainedTask, seed: number, pruned: boolean) {
  // Both searches with the pruned search's settings (the sweep's under a pruner), so that only the pruner differs.
  const sampler = new TpeSampler(ASHA_TRIALS, seed, tpeSettings(true));
  const pruner = task.pruner(seed);
  const values = new IntermediateValues();
  const folds = new IntermediateValues();
  const finished: TrialOutcome[] = [];
  let epochsRun = 0;
  let best = { value: Infinity, sd: NaN, number: -1 };
  const points: SearchPoint[] = [];
  for (let number = 0; number < ASHA_TRIALS; number++) {
    // Under Hyperband, TPE fits on the asking trial's bracket only, as the sweep runner (and Optuna) does.
    const point = sampler.ask(
      task.space,
      number,
      pruned ? samplerOutcomes(finished, pruner, values, number) : finished,
    );
    points.push(point);
    const spec = task.spec(point);
    const rungs = pruned ? pruner.epochRungs(values, task.epochs - 1, keptEpochs(task.epochs), number) : undefined;
    const first = evaluateFold(task.data, task.folds[0], rungs ? withEpochRungs(spec, rungs) : spec, 'mse');
    epochsRun += first.fits[0].iterations;
    const curve = first.fits[0].learningCurve;
    curve?.epochs.forEach((epoch, i) => values.report(number, epoch, curve.validation[i]));
    const stop = rungs && curve ? rungStopOnCurve(rungs, curve) : undefined;
    if (stop) {
      values.finish(number, 'pruned');
      finished.push({ number, point, state: 'pruned', value: stop.value, step: stop.epoch });
      continue;
    }
    // Past fold 1's epochs the other folds run one after another, fold k < K's running mean judged as the runner does.
    const results = [first];
    let foldStop: { fold: number; mean: number } | undefined;
    for (let k = 1; k < task.folds.length && !foldStop; k++) {
      const mean = pruned ? cvStatistics(results, spec.lambdas, 'mse').validationMean[0] : NaN;
      if (pruned) folds.report(number, k, mean);
      if (pruned && stopsAfterFold(pruner, folds.upTo(number - 1), k, mean)) foldStop = { fold: k, mean };
      else results.push(evaluateFold(task.data, task.folds[k], spec, 'mse'));
      epochsRun += foldStop ? 0 : results[k].fits[0].iterations;
    }
    if (foldStop) {
      values.finish(number, 'pruned');
      finished.push({ number, point, state: 'pruned', value: foldStop.mean, step: foldStop.fold * task.epochs });
      continue;
    }
    const stats = cvStatistics(results, spec.lambdas, 'mse');
    const value = stats.validationMean[0];
    values.finish(number, 'complete');
    finished.push({ number, point, state: 'complete', value });
    if (value < best.value) best = { value, sd: stats.validationSd[0], number };
  }
  return { epochsRun, best, points, pruned: finished.filter((t) => t.state === 'pruned').length, trials: finished };
}

function gdTask(): TrainedTask {
  const parsed = loadDataset('diabetes');
  const folds = validationFolds(makeSplitPlan(parsed.rows, { kind: 'kfold', folds: 5, shuffle: true, seed: 0 }, 0));
  const space: SearchSpace = {
    curves: (['l1', 'l2'] as const).map((penalty) => ({
      penalty,
      l1Ratio: penalty === 'l1' ? 1 : 0,
      lambdas: { kind: 'logUniform', min: 1e-3, max: 10 },
    })),
  };
  const spec = (point: SearchPoint): PathSpec => ({
    model: 'linear',
    penalty: { kind: point.penalty, l1Ratio: point.l1Ratio },
    lambdas: Float64Array.of(point.lambda),
    standardize: true,
    solver: { kind: 'gd', learningRate: 0.1, epochs: 64, tolerance: 1e-15 },
  });
  const label = 'diabetes, linear, gd (64 epochs, 5 folds)';
  const pruner = () => new AshaPruner(ASHA_DEFAULTS);
  return { label, space, spec, epochs: 64, data: parsed, folds, pruner, prunerLabel: 'ASHA' };
}

function mlpTask(asha: AshaSettings): TrainedTask {
  return mlpTaskWith(
    'ASHA',
    `ASHA minResource ${asha.minResource}, η ${asha.reductionFactor}`,
    () => new AshaPruner(asha),
  );
}

/** Hyperband, by default with Optuna's defaults (minResource 1, η 3, maxResource from the first complete trial). */
function mlpHyperbandTask(settings: HyperbandSettings = HYPERBAND_DEFAULTS): TrainedTask {
  const label = `Hyperband minResource ${settings.minResource}, η ${settings.reductionFactor}`;
  return mlpTaskWith('Hyperband', label, (seed) => new HyperbandPruner(settings, seed));
}

export function mlpTaskWith(prunerLabel: string, settings: string, pruner: (seed: number) => Pruner): TrainedTask {
  const epochs = 64;
  const objective = mlpSearchObjective(epochs);
  return {
    label: `${MLP_TASK.label} (${epochs} epochs, ${MLP_TASK.folds} folds, ${settings})`,
    pruner,
    prunerLabel,
    space: objective.space,
    spec: (point) => mlpSpec(point, epochs),
    epochs,
    data: objective.data,
    folds: objective.folds,
  };
}

export function ashaRows(): BenchRow[] {
  return ashaTableRows([gdTask(), mlpTask(ASHA_DEFAULTS), mlpHyperbandTask()]);
}

/**
 * The MLP task under other ASHA settings (minResource, η): whether judging a network later, or keeping more of the
 * trials at each rung, keeps the final best within one validationSd. Run with --asha-variants.
 */
export function ashaVariantRows(): BenchRow[] {
  const variants: [number, number][] = [
    [4, 4],
    [4, 2],
    [8, 3],
    [2, 3],
    [16, 4],
  ];
  return ashaTableRows(
    variants.map(([minResource, reductionFactor]) => mlpTask({ ...ASHA_DEFAULTS, minResource, reductionFactor })),
  );
}

/**
 * The MLP task under Hyperband with other (minResource, η). Run with --hyperband-variants [minResource,η …] (one
 * process per variant runs them side by side).
 */
export function hyperbandVariantRows(chosen: string[]): BenchRow[] {
  const variants: [number, number][] =
    chosen.length > 0
      ? chosen.map((v) => v.split(',').map(Number) as [number, number])
      : [
          [2, 3],
          [4, 3],
          [1, 2],
        ];
  return ashaTableRows(
    variants.map(([minResource, reductionFactor]) => mlpHyperbandTask({ minResource, reductionFactor })),
  );
}

function ashaTableRows(tasks: TrainedTask[]): BenchRow[] {
  return tasks.map((task) => {
    const ratios: number[] = [];
    const outside: number[] = [];
    for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
      const full = ashaSearch(task, seed, false);
      const pruned = ashaSearch(task, seed, true);
      ratios.push(pruned.epochsRun / full.epochsRun);
      if (!(pruned.best.value <= full.best.value + full.best.sd)) outside.push(seed);
    }
    const within = SEEDS - outside.length;
    return {
      job: `${task.prunerLabel} on fold 1's epochs and the later folds, ${task.label}, tpe ${ASHA_TRIALS} trials: epochs run / unpruned, median of seeds ${FIRST_SEED}–${FIRST_SEED + SEEDS - 1}`,
      regsweep: median(ratios),
      unit: 'ratio' as const,
      note: `final best within one validationSd of the unpruned best in ${within} of ${SEEDS} seeds (outside: [${outside.join(' ')}]); per seed [${ratios.map((r) => r.toFixed(2)).join(' ')}]`,
    };
  });
}

if (require.main === module && process.argv.includes('--asha-variants')) {
  printTable(ashaVariantRows());
} else if (require.main === module && process.argv.includes('--hyperband-variants')) {
  const args = process.argv.slice(process.argv.indexOf('--hyperband-variants') + 1);
  printTable(hyperbandVariantRows(args.filter((arg) => /^\d+,\d+$/.test(arg))));
} else if (require.main === module && process.argv.includes('--pruner-rows')) {
  printTable(ashaRows());
} else if (require.main === module) {
  const useOptuna = !process.argv.includes('--no-optuna') && anchors.optuna();
  mlpEfficiencyRows(useOptuna)
    .then((rows) => printTable(process.argv.includes('--efficiency-only') ? rows : [...rows, ...ashaRows()]))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
