/**
 * TPE variants on the three search-efficiency tasks (issue 13): trials until a trial's CV loss is within 1% of the
 * exhaustive grid's best, per seed, for regsweep's TPE under one setting (Optuna's defaults are "defaults"), on the
 * same objectives as search-efficiency.ts and mlp-search-efficiency.ts. A variant is kept only if its medians beat
 * the defaults' on every task, on seeds 0–19 and on another 20.
 *
 * Run: node dist/bench/src/jobs/tpe-variants.js <variant> [--first-seed N] [diabetes | breast | mlp]
 */
import {
  DEFAULT_PARZEN,
  OPTUNA_TPE_DEFAULTS,
  TpeSampler,
  type SearchPoint,
  type SearchSpace,
  type TpeSettings,
} from '@regsweep/sweep';
import { mlpSearchObjective } from './mlp-search-objective';
import { median, SEARCH_TASKS, show, trialsTo } from './search-efficiency';
import { searchObjective } from './search-objective';

export const TPE_VARIANTS: Record<string, TpeSettings> = {
  defaults: OPTUNA_TPE_DEFAULTS,
  multivariate: { ...OPTUNA_TPE_DEFAULTS, multivariate: true },
  endpoints: { ...OPTUNA_TPE_DEFAULTS, parzen: { ...DEFAULT_PARZEN, considerEndpoints: true } },
  'multivariate+endpoints': {
    ...OPTUNA_TPE_DEFAULTS,
    multivariate: true,
    parzen: { ...DEFAULT_PARZEN, considerEndpoints: true },
  },
  'startup 5': { ...OPTUNA_TPE_DEFAULTS, nStartupTrials: 5 },
  'multivariate, startup 5': { ...OPTUNA_TPE_DEFAULTS, multivariate: true, nStartupTrials: 5 },
  'prior weight 2': { ...OPTUNA_TPE_DEFAULTS, parzen: { ...DEFAULT_PARZEN, priorWeight: 2 } },
  'prior weight 0.5': { ...OPTUNA_TPE_DEFAULTS, parzen: { ...DEFAULT_PARZEN, priorWeight: 0.5 } },
  'ei candidates 48': { ...OPTUNA_TPE_DEFAULTS, nEiCandidates: 48 },
  'gamma 0.2': { ...OPTUNA_TPE_DEFAULTS, gamma: (n) => Math.min(Math.ceil(0.2 * n), 25) },
};

interface VariantTask {
  readonly name: string;
  readonly maxTrials: number;
  readonly objective: () => { space: SearchSpace; evaluate(p: SearchPoint): number; gridBest(): number };
}

const TASKS: readonly VariantTask[] = [
  { name: 'diabetes', maxTrials: 200, objective: () => searchObjective(SEARCH_TASKS[0]) },
  { name: 'breast', maxTrials: 200, objective: () => searchObjective(SEARCH_TASKS[1]) },
  { name: 'mlp', maxTrials: 100, objective: () => mlpSearchObjective() },
];

/** Per seed, the trials until the first one within 1% of the grid's best (maxTrials + 1 if none). */
export function variantCounts(task: VariantTask, settings: TpeSettings, firstSeed: number, seeds = 20): number[] {
  const objective = task.objective();
  const target = objective.gridBest() * 1.01;
  const counts: number[] = [];
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const sampler = new TpeSampler(task.maxTrials, seed, settings);
    const finished = [];
    for (let number = 0; number < task.maxTrials; number++) {
      const point = sampler.ask(objective.space, number, finished);
      const value = objective.evaluate(point);
      finished.push({ number, point, state: 'complete' as const, value });
      if (value <= target) break;
    }
    counts.push(trialsTo(finished.map((t) => t.value), target, task.maxTrials));
  }
  return counts;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--first-seed');
  const firstSeed = at >= 0 ? Number(args[at + 1]) : 0;
  const rest = args.filter((arg, i) => !arg.startsWith('--') && (at < 0 || i !== at + 1));
  const variant = rest[0] ?? 'defaults';
  const settings = TPE_VARIANTS[variant];
  if (!settings) throw new Error(`unknown variant ${variant}: one of ${Object.keys(TPE_VARIANTS).join(', ')}`);
  for (const task of TASKS.filter((t) => rest.length < 2 || rest.slice(1).includes(t.name))) {
    const counts = variantCounts(task, settings, firstSeed);
    console.log(`${variant}\t${task.name}\tseeds ${firstSeed}–${firstSeed + 19}\tmedian ${median(counts)}\t[${show(counts, task.maxTrials)}]`);
  }
}
