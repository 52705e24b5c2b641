/**
 * EXPERIMENT (branch tpe4, not to keep): regsweep's TPE with a variant of its settings on the search-efficiency
 * tasks, per seed. node dist/bench/src/jobs/tpe4-variants.js '<settings json>' <diabetes|breast|mlp> [--first-seed N] [--trace]
 */
import { OPTUNA_TPE_DEFAULTS, TpeSampler, type TpeSettings, type TrialOutcome } from '@regsweep/sweep';
import { FIRST_SEED, median, SEARCH_TASKS, show, trialsTo } from './search-efficiency';
import { searchObjective } from './search-objective';
import { mlpSearchObjective } from './mlp-search-objective';

const variant = JSON.parse(process.argv[2]) as Partial<TpeSettings> & { random?: boolean };
const taskName = process.argv[3];
const trace = process.argv.includes('--trace');
const settings: TpeSettings = {
  ...OPTUNA_TPE_DEFAULTS,
  ...variant,
  ...(variant.random ? { nStartupTrials: Infinity } : {}),
};

const objective =
  taskName === 'mlp' ? mlpSearchObjective() : searchObjective(SEARCH_TASKS.find((t) => t.label.includes(taskName))!);
const maxTrials = taskName === 'mlp' ? 100 : 200;
const target = objective.gridBest() * 1.01;
const counts: number[] = [];
const only = process.env.SEEDS ? process.env.SEEDS.split(",").map(Number) : undefined;
for (let seed = FIRST_SEED; seed < FIRST_SEED + 20; seed++) {
  if (only && !only.includes(seed)) continue;
  const sampler = new TpeSampler(maxTrials, seed, settings);
  const finished: TrialOutcome[] = [];
  for (let number = 0; number < maxTrials; number++) {
    const point = sampler.ask(objective.space, number, finished);
    const value = objective.evaluate(point);
    finished.push({ number, point, state: 'complete', value });
    if (trace && number < 40)
      console.log(
        `seed ${seed} #${number} ${point.penalty} ${point.l1Ratio} λ=${point.lambda.toExponential(2)} ${(value / target - 1 + 0.01).toFixed(4)}`,
      );
    if (value <= target) break;
  }
  counts.push(trialsTo(finished.map((t) => t.value), target, maxTrials));
}
console.log(`${JSON.stringify(variant)}\t${taskName}\tseeds ${FIRST_SEED}-${FIRST_SEED + 19}\tmedian ${median(counts)}\t[${show(counts, maxTrials)}]`);
