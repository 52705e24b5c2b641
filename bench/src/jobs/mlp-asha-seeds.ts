/**
 * Why ASHA loses the MLP task's best in some seeds (issue 13, the pruning target): for each seed, the unpruned
 * 30-trial TPE search (every trial's fold-1 losses at the rungs, its CV mean and sd), then
 *  - a replay of the pruner on that same sequence of trials (their fold-1 curves do not depend on the pruning:
 *    training is deterministic and a rung only stops it), which tells whether the pruner itself stops the best, at
 *    which rung, against how many competitors and which limit;
 *  - the pruned search as the bench runs it (TPE asks from pruned outcomes, so its points differ after the first
 *    prune): whether it ever asks the unpruned best's point, and its own best.
 *
 * Run: node dist/bench/src/jobs/mlp-asha-seeds.js [seed …] [--min-resource N] [--eta N] [--hyperband]
 * (--hyperband: Optuna's HyperbandPruner, η 3 and minResource as given, in place of ASHA)
 */
import { cvStatistics, evaluateFold, keptEpochs, rungStopOnCurve } from '@regsweep/engine';
import {
  AshaPruner,
  ASHA_DEFAULTS,
  HyperbandPruner,
  HYPERBAND_DEFAULTS,
  IntermediateValues,
  TpeSampler,
  tpeSettings,
  type Pruner,
  type SearchPoint,
  type TrialOutcome,
} from '@regsweep/sweep';
import { mlpSearchObjective, mlpSpec } from './mlp-search-objective';
import { ashaSearch, mlpTaskWith } from './mlp-search-efficiency';

const EPOCHS = 64;
const TRIALS = 30;

interface UnprunedTrial {
  point: SearchPoint;
  value: number;
  sd: number;
  /** Fold 1's validation loss by epoch. */
  fold1: { epochs: number[]; validation: number[] };
}

const objective = mlpSearchObjective(EPOCHS);

function describe(point: SearchPoint): string {
  const f = point.fields ?? {};
  const lr = Number(f.learningRate).toExponential(1);
  return `${JSON.stringify(f.hidden)} ${String(f.activation)} lr ${lr} ${point.penalty} λ ${point.lambda.toExponential(1)}`;
}

function unprunedSearch(seed: number): UnprunedTrial[] {
  const sampler = new TpeSampler(TRIALS, seed, tpeSettings(true)); // the pruned searches' settings, as they compare
  const finished: TrialOutcome[] = [];
  const trials: UnprunedTrial[] = [];
  for (let number = 0; number < TRIALS; number++) {
    const point = sampler.ask(objective.space, number, finished);
    const spec = mlpSpec(point, EPOCHS);
    const results = objective.folds.map((fold) => evaluateFold(objective.data, fold, spec, 'mse'));
    const stats = cvStatistics(results, spec.lambdas, 'mse');
    const curve = results[0].fits[0].learningCurve!;
    const value = stats.validationMean[0];
    finished.push({ number, point, state: 'complete', value });
    trials.push({
      point,
      value,
      sd: stats.validationSd[0],
      fold1: { epochs: [...curve.epochs], validation: [...curve.validation] },
    });
  }
  return trials;
}

/** The pruner replayed on a fixed sequence of fold-1 curves: each trial's stop (or none). */
function replay(pruner: Pruner, trials: UnprunedTrial[]) {
  const values = new IntermediateValues();
  return trials.map((trial, number) => {
    const rungs = pruner.epochRungs(values, EPOCHS - 1, keptEpochs(EPOCHS), number);
    const stop = rungs ? rungStopOnCurve(rungs, trial.fold1) : undefined;
    const competitors = rungs && stop ? values.trials().filter((u) => values.valueAt(u, stop.epoch) !== undefined) : [];
    trial.fold1.epochs.forEach((epoch, i) => {
      if (!stop || epoch <= stop.epoch) values.report(number, epoch, trial.fold1.validation[i]);
    });
    values.finish(number, stop ? 'pruned' : 'complete');
    return { stop, competitors: competitors.length };
  });
}

/** The pruned search as the bench runs it (mlp-search-efficiency.ts ashaSearch, later folds judged too). */
function prunedSearch(pruner: Pruner, seed: number) {
  return ashaSearch(
    mlpTaskWith('', '', () => pruner),
    seed,
    true,
  );
}

/** Fold-1 loss at `epoch` and its rank (1 = lowest) among the trials before and including `upTo`. */
function rankAt(trials: UnprunedTrial[], number: number, epoch: number) {
  const at = (t: UnprunedTrial) => t.fold1.validation[t.fold1.epochs.indexOf(epoch)];
  const mine = at(trials[number]);
  const rank = trials.slice(0, number + 1).filter((t) => at(t) < mine).length + 1;
  return `${mine.toFixed(0)} (rank ${rank} of ${number + 1})`;
}

export function examineSeed(seed: number, pruner: Pruner, rungEpochs: number[]): string[] {
  const lines: string[] = [];
  const trials = unprunedSearch(seed);
  const bestNumber = trials.reduce((b, t, i) => (t.value < trials[b].value ? i : b), 0);
  const best = trials[bestNumber];
  const finalRank = (n: number) => trials.filter((t) => t.value < trials[n].value).length + 1;
  lines.push(
    `seed ${seed}: unpruned best is trial ${bestNumber} (${describe(best.point)}): CV mse ${best.value.toFixed(1)} ± sd ${best.sd.toFixed(1)}`,
  );
  lines.push(
    `  its fold-1 loss at the rungs: ${rungEpochs.map((e) => `epoch ${e} ${rankAt(trials, bestNumber, e)}`).join('; ')}`,
  );
  const stops = replay(pruner, trials);
  const own = stops[bestNumber];
  lines.push(
    own.stop
      ? `  replay on the unpruned sequence: pruned at epoch ${own.stop.epoch}, loss ${own.stop.value.toFixed(0)} > limit ${own.stop.limit.toFixed(0)} (${own.competitors} earlier trials at that rung)`
      : `  replay on the unpruned sequence: not pruned`,
  );
  const goodEnough = trials.map((t, i) => ({ t, i })).filter(({ t }) => t.value <= best.value + best.sd);
  const keptGood = goodEnough.filter(({ i }) => !stops[i].stop).map(({ i }) => i);
  lines.push(
    `  trials within one sd of the best: [${goodEnough.map(({ i }) => i).join(' ')}], kept by the replay: [${keptGood.join(' ')}]`,
  );
  for (const { i } of goodEnough) {
    const stop = stops[i].stop;
    if (stop)
      lines.push(
        `    trial ${i} (final rank ${finalRank(i)}, ${describe(trials[i].point)}): pruned at ${stop.epoch}, ${stop.value.toFixed(0)} > ${stop.limit.toFixed(0)} among ${stops[i].competitors}`,
      );
  }
  const search = prunedSearch(pruner, seed);
  const firstDiff = search.points.findIndex((p, i) => JSON.stringify(p) !== JSON.stringify(trials[i].point));
  const asked = search.points.some((p) => JSON.stringify(p) === JSON.stringify(best.point));
  lines.push(
    `  pruned search: ${search.pruned} pruned, points differ from trial ${firstDiff < 0 ? 'never' : firstDiff}; asks the unpruned best's point: ${asked ? 'yes' : 'no'}; its best ${search.best.value.toFixed(1)} (trial ${search.best.number}), ${search.best.value <= best.value + best.sd ? 'within' : 'outside'} one sd`,
  );
  return lines;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args.splice(i, 2)[1]) : fallback;
  };
  const minResource = option('--min-resource', ASHA_DEFAULTS.minResource);
  const reductionFactor = option('--eta', ASHA_DEFAULTS.reductionFactor);
  const hyperband = args.includes('--hyperband') && args.splice(args.indexOf('--hyperband'), 1).length > 0;
  const asha = new AshaPruner({ ...ASHA_DEFAULTS, minResource, reductionFactor });
  const rungEpochs = [0, 1, 2, 3].map((r) => asha.rungStep(r)).filter((e) => e < EPOCHS);
  const seeds = args.length > 0 ? args.map(Number) : [0, 12, 13, 17];
  for (const seed of seeds) {
    const pruner = hyperband ? new HyperbandPruner({ ...HYPERBAND_DEFAULTS, minResource }, seed) : asha;
    console.log(examineSeed(seed, pruner, rungEpochs).join('\n'));
  }
}
