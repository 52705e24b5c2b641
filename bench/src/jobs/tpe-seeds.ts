/**
 * regsweep's TPE over many seeds on one search-efficiency task, with a chosen kernel width: how docs/benchmarks.md
 * ("Scott's kernel widths for λ") compares today's sampler with Optuna's widths beyond the bench's 20 seeds. The
 * objectives, targets and trial limits are the bench's (search-efficiency.ts, mlp-search-efficiency.ts); a point's
 * value is computed once per run and reused when another seed asks the same point.
 *
 *   node dist/bench/src/jobs/tpe-seeds.js breast|diabetes|mlp [--first-seed N] [--seeds 100] [--width default|optuna|scott:α]
 *
 * Prints, per target, the median trial count of each set of 20 seeds, over all seeds (mean; runs past 50 trials),
 * and the counts seed by seed.
 */
import {
  OPTUNA_KERNEL_WIDTH,
  TPE_DEFAULTS,
  TpeSampler,
  type SearchPoint,
  type TpeSettings,
  type TrialOutcome,
} from '@regsweep/sweep';
import { mlpSearchObjective } from './mlp-search-objective';
import { FIRST_SEED, median, SEARCH_TASKS, trialsTo } from './search-efficiency';
import { searchObjective } from './search-objective';

const SET = 20;

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : process.argv[at + 1];
}

/** `default`: what `search.strategy: tpe` runs; `optuna`: the same with Optuna's widths; `scott:α`: Scott's, floor α. */
function settingsFor(width: string): TpeSettings {
  if (width === 'default') return TPE_DEFAULTS;
  if (width === 'optuna') return { ...TPE_DEFAULTS, kernelWidth: OPTUNA_KERNEL_WIDTH };
  const exponent = Number(width.replace(/^scott:/, ''));
  if (!width.startsWith('scott:') || !(exponent > 0))
    throw new Error(`--width: default, optuna or scott:α, not ${width}`);
  return { ...TPE_DEFAULTS, kernelWidth: { rule: 'scott', clipExponent: exponent, minFactor: 0.01 } };
}

function objectiveFor(task: string) {
  if (task === 'mlp') {
    const mlp = mlpSearchObjective();
    return { ...mlp, within: [0.01], maxTrials: 100 };
  }
  const efficiencyTask = SEARCH_TASKS.find((t) => t.dataset === (task === 'breast' ? 'breast-cancer' : task));
  if (!efficiencyTask) throw new Error(`task: breast, diabetes or mlp, not ${task}`);
  return { ...searchObjective(efficiencyTask), within: efficiencyTask.within, maxTrials: 200 };
}

function main(): void {
  const task = process.argv[2] ?? '';
  const seeds = Number(argument('--seeds', '100'));
  const settings = settingsFor(argument('--width', 'default'));
  const objective = objectiveFor(task);
  const values = new Map<string, number>();
  const evaluate = (point: SearchPoint) => {
    const key = JSON.stringify(point);
    if (!values.has(key)) values.set(key, objective.evaluate(point));
    return values.get(key)!;
  };
  const gridBest = objective.gridBest();
  const strictest = gridBest * (1 + Math.min(...objective.within));
  const runs: number[][] = [];
  for (let seed = FIRST_SEED; seed < FIRST_SEED + seeds; seed++) {
    const sampler = new TpeSampler(objective.maxTrials, seed, settings);
    const finished: TrialOutcome[] = [];
    for (let number = 0; number < objective.maxTrials; number++) {
      const point = sampler.ask(objective.space, number, finished);
      finished.push({ number, point, state: 'complete', value: evaluate(point) });
      if (finished[number].value <= strictest) break;
    }
    runs.push(finished.map((t) => t.value));
  }
  for (const within of objective.within) {
    const counts = runs.map((run) => trialsTo(run, gridBest * (1 + within), objective.maxTrials));
    const sets = Array.from({ length: Math.ceil(counts.length / SET) }, (_, i) =>
      median(counts.slice(i * SET, (i + 1) * SET)),
    );
    const mean = counts.reduce((sum, c) => sum + c, 0) / counts.length;
    const long = counts.filter((c) => c > 50).length;
    console.log(
      `${task} ${within * 100}%, seeds ${FIRST_SEED}–${FIRST_SEED + seeds - 1}: sets ${sets.join(' / ')}; ` +
        `all ${median(counts)} (mean ${mean.toFixed(1)}; ${long} past 50)\n  [${counts.join(' ')}]`,
    );
  }
}

main();
